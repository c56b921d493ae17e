"""How active filters read in Wagtail's listings, platform-wide (reports, units, e-mail templates,
people): a yes/no filter's chip says "Tylko po terminie: Tak", not "True" or "False"."""

import django_filters
from django import forms
from django.utils.translation import gettext
from wagtail.admin.active_filters import BaseFilterAdapter, register_filter_adapter_class


class YesNoFilterAdapter(BaseFilterAdapter):
    def get_active_filters(self):
        if not self.value and isinstance(self.bound_field.field.widget, forms.CheckboxInput):
            return  # an unticked checkbox ("Łącz edycje kursu") filters nothing
        for active in super().get_active_filters():
            yield active._replace(value=gettext("Tak") if self.value else gettext("Nie"))


register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)
