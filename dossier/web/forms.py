"""The forms of the web app (Django forms: validation, CSRF through the template tag, Chinese labels)."""
from __future__ import annotations

from django import forms
from django.conf import settings


class EvidenceForm(forms.Form):
    file = forms.FileField(label="文件")
    title = forms.CharField(label="题名", max_length=200, required=False,
                            help_text="不填时取自文件名（如 20230315_峨教发〔2023〕12号_关于….pdf）")
    doc_no = forms.CharField(label="文号", max_length=100, required=False)
    author = forms.CharField(label="责任者", max_length=100, required=False)
    date = forms.DateField(label="日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"])
    note = forms.CharField(label="备注", max_length=200, required=False)

    def clean_file(self):
        f = self.cleaned_data["file"]
        limit = settings.DOSSIER_UPLOAD_LIMIT
        if f.size > limit:
            raise forms.ValidationError(f"文件超过 {limit // (1024 * 1024)} MB 的上限，请压缩或拆分后再上传")
        return f

    def index_values(self) -> dict:
        d = self.cleaned_data
        return {"题名": d.get("title", ""), "文号": d.get("doc_no", ""), "责任者": d.get("author", ""),
                "日期": d["date"].isoformat() if d.get("date") else "", "备注": d.get("note", "")}


class TableForm(forms.Form):
    file = forms.FileField(label="学校基础数据表（.xlsx 或 .csv）")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("请上传 .xlsx 或 .csv 格式的学校基础数据表")
        if f.size > settings.DOSSIER_UPLOAD_LIMIT:
            raise forms.ValidationError("文件过大")
        return f
