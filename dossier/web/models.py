"""What the web app keeps in its database (the content folders stay the source of truth for the project itself):
who may do what in which project (`Membership`), which unit answers for which indicator (`Assignment`, seeded from
人员.yaml and the framework, edited by the 管理员), every change made through the web (`AuditEntry`: who, when,
what, SHA-256) and every build run with its progress (`BuildRun`)."""
from __future__ import annotations

from django.conf import settings
from django.db import models

ROLE_ADMIN, ROLE_LEAD, ROLE_UNIT, ROLE_VIEW = "admin", "lead", "unit", "view"
ROLES = [(ROLE_ADMIN, "管理员"), (ROLE_LEAD, "牵头"), (ROLE_UNIT, "责任单位"), (ROLE_VIEW, "查阅")]
ROLE_LABELS = dict(ROLES)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name="用户")
    project = models.CharField("项目", max_length=200, blank=True, help_text="项目文件夹名称；留空表示全部项目")
    role = models.CharField("角色", max_length=10, choices=ROLES)
    unit = models.CharField("单位", max_length=200, blank=True, help_text="责任单位的名称（学校名称或部门、专班名称）")

    class Meta:
        verbose_name = verbose_name_plural = "成员与角色"
        constraints = [models.UniqueConstraint(fields=["user", "project"], name="one_role_per_project")]

    def __str__(self) -> str:
        return f"{self.user} · {self.project or '全部项目'} · {ROLE_LABELS.get(self.role, self.role)}"


class Assignment(models.Model):
    project = models.CharField("项目", max_length=200)
    code = models.CharField("指标", max_length=20)
    unit = models.CharField("责任单位", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "指标分工"
        ordering = ["project", "code", "unit"]
        constraints = [models.UniqueConstraint(fields=["project", "code", "unit"], name="one_assignment")]

    def __str__(self) -> str:
        return f"{self.project} {self.code} → {self.unit}"


class AuditEntry(models.Model):
    when = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="用户")
    username = models.CharField("用户名", max_length=150)
    project = models.CharField("项目", max_length=200, db_index=True)
    action = models.CharField("操作", max_length=40)
    path = models.CharField("文件", max_length=1000, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    detail = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-when", "-id"]

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.username} {self.action} {self.path}"


class BuildRun(models.Model):
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "排队"), (RUNNING, "进行中"), (DONE, "完成"), (FAILED, "失败")]
    project = models.CharField("项目", max_length=200, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="发起人")
    created = models.DateTimeField("提交时间", auto_now_add=True)
    finished = models.DateTimeField("完成时间", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=QUEUED)
    stage = models.CharField("阶段", max_length=40, blank=True)
    done = models.IntegerField(default=0)
    total = models.IntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    fingerprint = models.CharField("输入指纹", max_length=64, blank=True)
    message = models.TextField("结果", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "构建记录"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.project} #{self.pk} {self.get_status_display()}"
