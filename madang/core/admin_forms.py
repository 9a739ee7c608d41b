"""Pieces shared by admin views whose saves go through a service."""

from django.core.exceptions import ValidationError


class ServiceSaveMixin:
    """For Wagtail create/edit views whose `save_instance` calls a service: a ValidationError
    the service raises is shown on the form, which keeps what the member of staff typed."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
