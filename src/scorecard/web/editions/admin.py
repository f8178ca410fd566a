"""Django admin for superusers: editions and roles; links are shown by id, never by token."""

from __future__ import annotations

from django.contrib import admin

from scorecard.web.editions.models import Edition, Invitation, Role


class RoleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Role
    extra = 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "country", "year", "status")
    list_filter = ("status", "country")
    search_fields = ("title", "country", "slug")
    # The lifecycle moves the status (Edition.transition), never a form: not even this one.
    readonly_fields = ("status", "correction_reason", "open_link_token")
    inlines = (RoleInline,)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("pk", "edition", "created", "revoked_at")
    list_filter = ("edition",)
    readonly_fields = ("token_hash", "edition", "created")
