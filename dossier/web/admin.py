"""The Django admin (用户管理): users with hashed passwords, their roles per project, the indicator assignments;
the audit log and build runs read-only."""
from django.contrib import admin

from dossier.web.models import Assignment, AuditEntry, BuildRun, Membership

admin.site.site_header = admin.site.site_title = "迎检材料 · 用户管理"
admin.site.index_title = "管理"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "project", "role", "unit")
    list_filter = ("role", "project")
    search_fields = ("user__username", "unit")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("project", "code", "unit")
    list_filter = ("project", "unit")
    search_fields = ("code", "unit")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditAdmin(ReadOnly):
    list_display = ("when", "username", "project", "action", "path", "sha256")
    list_filter = ("project", "action")
    search_fields = ("username", "path", "sha256")


@admin.register(BuildRun)
class BuildRunAdmin(ReadOnly):
    list_display = ("created", "project", "user", "status", "finished")
    list_filter = ("project", "status")
