"""API tokens in the Django admin: issue, see when each was last used, revoke.

A new token's secret is shown once, in the message after saving; only its hash
is kept, so a lost token is revoked and a new one issued, never looked up.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from scorecard.web.api.models import ApiToken, Scope


class ApiTokenForm(forms.ModelForm):  # type: ignore[type-arg]  # subscripting fails at run time
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiToken
        fields = ("user", "name", "scopes")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ApiTokenForm
    list_display = ("name", "user", "prefix", "scopes", "created", "last_used", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("prefix", "created", "last_used", "revoked")
    actions = ("revoke",)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        obj.scopes = sorted(set(obj.scopes))
        if not change:
            plain = obj.set_key()
            messages.warning(
                request,
                f"Copy the token now; it is not shown again: {plain}",
            )
        super().save_model(request, obj, form, change)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked__isnull=True).update(revoked=timezone.now())
        self.message_user(request, f"{count} tokens revoked.", messages.SUCCESS)
