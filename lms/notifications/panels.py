"""The list of placeholders shown under an e-mail template's body in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel


class PlaceholdersPanel(HelpPanel):
    """The placeholders of the template's kind (of every kind while a new one has none yet)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Pola do wstawienia"))
        kwargs.setdefault("template", "notifications/placeholders_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from lms.notifications.kinds import KINDS

            context = super().get_context_data(parent_context)
            chosen = getattr(self.instance, "kind", "")
            context["kinds"] = [
                {
                    "label": kind.label,
                    "placeholders": [
                        {
                            "name": f"{{{name}}}",
                            "description": description,
                            "optional": name in kind.optional,
                        }
                        for name, description in kind.placeholders.items()
                    ],
                }
                for value, kind in KINDS.items()
                if not chosen or value == chosen
            ]
            return context
