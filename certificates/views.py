from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


my_certificates = download = verify_form = check_document = public_key = verify = credential = (
    api_certificate
) = _todo
