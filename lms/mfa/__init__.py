"""Two-factor authentication: an authenticator app (TOTP) with recovery codes, or a passkey.

Built on django-otp (`otp_totp`, `otp_static`) and django-otp-webauthn; this app adds the Polish
set-up and verification pages and the middleware that holds privileged accounts until verified.
"""
