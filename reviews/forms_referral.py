"""The referral form (decision tab): coded reason, the credential, an optional named reviewer, a note."""

from __future__ import annotations

from typing import Any

from django import forms

from vocabulary import REFERRAL_CREDENTIALS, CredentialKind, ReferralReason

POOL = ""


class ReferralForm(forms.Form):
    reason = forms.ChoiceField(label="Reason", choices=[("", "Choose…"), *ReferralReason.choices()])
    to_credential = forms.ChoiceField(label="Refer to", choices=CredentialKind.choices(REFERRAL_CREDENTIALS))
    to_reviewer = forms.ChoiceField(label="Reviewer", required=False)
    note = forms.CharField(
        label="Note for the second-level reviewer",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Internal: shown to the reviewer you refer to, never printed in a letter.",
    )

    def __init__(self, *args: Any, targets: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {str(u.pk): u for u in targets}
        self.fields["to_reviewer"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
            (POOL, "Any reviewer with that credential (the pool queue)"),
            *(
                (str(u.pk), f"{u.get_full_name() or u.username} ({u.reviewer_profile.get_credential_kind_display()})")
                for u in targets
            ),
        ]

    def clean_to_reviewer(self) -> Any:
        value = self.cleaned_data.get("to_reviewer") or POOL
        return self.targets.get(value) if value != POOL else None
