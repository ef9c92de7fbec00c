"""What a build hands over besides drafts and volumes: the set files (总目录, 脊背, 覆盖情况), manifest.json and
`verify`, and the terminal report of `dossier check`.
"""
