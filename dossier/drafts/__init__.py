"""The documents: the draft kinds (kinds), the template context built from the evaluation (context, tables,
workplan, prose), the Jinja2 sandbox (jinja), rendering to .docx in GB/T 9704 layout and Markdown (render,
docxlayout, docxtables, charts), and 评估表.xlsx (sheet).
"""
