"""What the user configures, validated once when it is read: dossier.yaml (project), the indicator frameworks
(framework, with each leaf's `evaluate:` block typed in evaluation), the bundled framework files, and the
YAML reading and pydantic error translation they share (yamlio, schema).
"""
