"""The certificate's data as an Open Badges 3.0 credential, signed with Ed25519.

The proof is a W3C Data Integrity proof with the `eddsa-jcs-2022` cryptosuite: the proof options
and the credential (without its proof) are canonicalised with JCS (RFC 8785), hashed with SHA-256,
and the two hashes, concatenated, are signed. The public key is published as a Multikey at a
stable URL (`certificates:public_key`), so anyone can check a credential without asking us.
"""

import base64
import hashlib
import json
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ISSUER_NAME = "Pomorskie Samorządowe Centrum Kompetencji w zakresie Wsparcia Imigrantów"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ED25519_PUB_MULTICODEC = b"\xed\x01"


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _B58[remainder] + encoded
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + encoded


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + _B58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def canonical(document) -> bytes:
    """JSON Canonicalization Scheme (RFC 8785) for our documents: strings, ints, lists, objects."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def generate_key() -> str:
    """A new private key as the base64 of its 32-byte seed (what CERTIFICATE_SIGNING_KEY holds)."""
    seed = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(seed).decode()


def _key_text() -> str:
    text = settings.CERTIFICATE_SIGNING_KEY
    if not text and settings.CERTIFICATE_SIGNING_KEY_FILE:
        try:
            with open(settings.CERTIFICATE_SIGNING_KEY_FILE) as file:
                text = file.read()
        except FileNotFoundError:
            text = ""
    return text.strip()


@lru_cache(maxsize=4)
def _load(text: str) -> Ed25519PrivateKey:
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY is not an Ed25519 key.")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))


def private_key() -> Ed25519PrivateKey:
    text = _key_text()
    if not text:
        raise ImproperlyConfigured(
            "No certificate signing key: set CERTIFICATE_SIGNING_KEY or run "
            "`manage.py create_certificate_key`."
        )
    return _load(text)


def public_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58btc(_ED25519_PUB_MULTICODEC + raw)


def public_key_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("certificates:public_key")


def issuer_id() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


def _method_id(multibase: str) -> str:
    return f"{public_key_url()}#{hashlib.sha256(multibase.encode()).hexdigest()[:16]}"


def verification_method() -> str:
    return _method_id(public_multibase(private_key().public_key()))


def public_from_multibase(multibase: str) -> Ed25519PublicKey:
    raw = base58btc_decode(multibase.removeprefix("z"))
    if not raw.startswith(_ED25519_PUB_MULTICODEC) or len(raw) != 34:
        raise ImproperlyConfigured(f"Not an Ed25519 Multikey: {multibase!r}")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def published_keys() -> dict[str, str]:
    """Verification method id → public key (multibase): the current key first, then the keys
    retired by a rotation (CERTIFICATE_RETIRED_PUBLIC_KEYS), which still check what they signed."""
    current = public_multibase(private_key().public_key())
    keys = {_method_id(current): current}
    for multibase in settings.CERTIFICATE_RETIRED_PUBLIC_KEYS:
        keys.setdefault(_method_id(multibase), multibase)
    return keys


def public_key_document() -> dict:
    """The controller document published at the public key's URL."""
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": public_key_url(),
        "name": ISSUER_NAME,
        "assertionMethod": list(published_keys()),
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": public_key_url(),
                "publicKeyMultibase": multibase,
            }
            for method, multibase in published_keys().items()
        ],
    }


def _hash_data(document: dict, proof_options: dict) -> bytes:
    return (
        hashlib.sha256(canonical(proof_options)).digest()
        + hashlib.sha256(canonical(document)).digest()
    )


def sign(document: dict) -> dict:
    """`document` with a Data Integrity proof (eddsa-jcs-2022) added."""
    options = {
        "@context": document["@context"],
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "verificationMethod": verification_method(),
        "proofPurpose": "assertionMethod",
    }
    signature = private_key().sign(_hash_data(document, options))
    proof = {key: value for key, value in options.items() if key != "@context"}
    return {**document, "proof": {**proof, "proofValue": "z" + base58btc(signature)}}


def verify(signed: dict, public_key: Ed25519PublicKey | None = None) -> bool:
    """Whether `signed` carries a valid proof by one of our published keys (current or retired,
    as named by the proof's verificationMethod), or by the given key."""
    from cryptography.exceptions import InvalidSignature

    proof = dict(signed.get("proof") or {})
    value = proof.pop("proofValue", "")
    if not value.startswith("z") or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return False
    document = {key: item for key, item in signed.items() if key != "proof"}
    options = {**proof, "@context": document.get("@context")}
    if public_key is None:
        multibase = published_keys().get(proof.get("verificationMethod", ""))
        if multibase is None:
            return False
        public_key = public_from_multibase(multibase)
    key = public_key
    try:
        key.verify(base58btc_decode(value[1:]), _hash_data(document, options))
    except (InvalidSignature, ValueError):
        return False
    return True


def _iso(moment) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def credential_for(certificate) -> dict:
    """The certificate as a signed Open Badges 3.0 credential (its data only: no PDF hash, so
    the PDF can carry the credential)."""
    site = settings.SITE_URL.rstrip("/")
    verify_url = site + reverse("certificates:verify", args=[certificate.verification_code])
    hours = f"{certificate.hours.normalize():f}".replace(".", ",")
    salt = hashlib.sha256(certificate.verification_code.encode()).hexdigest()[:16]
    identity = hashlib.sha256((certificate.user.email.lower() + salt).encode()).hexdigest()
    document = {
        "@context": CONTEXTS,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Zaświadczenie {certificate.number}",
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": ISSUER_NAME,
            "url": issuer_id(),
        },
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": f"sha256${identity}",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": f"urn:pck:course:{certificate.course_id}",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.course_title,
                "description": f"Szkolenie w wymiarze {hours} godz.",
                "criteria": {"narrative": "Ukończenie wszystkich lekcji i zaliczenie testu."},
                "inLanguage": "pl",
            },
            "activityEndDate": _iso(certificate.completed_at),
        },
        "credentialSchema": [
            {
                "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
                "type": "1EdTechJsonSchemaValidator2019",
            }
        ],
    }
    if certificate.place:
        document["credentialSubject"]["achievement"]["criteria"]["narrative"] = (
            f"Udział w szkoleniu stacjonarnym: {certificate.place}."
        )
    if certificate.expires_at:
        document["validUntil"] = _iso(certificate.expires_at)
    return sign(document)
