"""The alliance's rules, for views, CLI commands and other domains alike.

Other domains should import from here:

- `is_ally(user)`, `ally_since(user)`: whether and since when a person signed (validated);
- `alliance_counts()`: validated organisations per kind and individual signatories;
- `directory_counts(DirectoryFilters())`: listed organisations by kind and by region;
- `charter_standing(user)`: the person's signatures and re-sign notices;
- `signing_state(user)`: whether the person signed, and since when they are an ally;
- `listed_version(organisation)`: whether an organisation is in the public directory.
"""

from portal.alliance.services.directory import (
    AllianceCounts,
    DirectoryCounts,
    DirectoryFilters,
    alliance_counts,
    directory_counts,
    directory_query,
    export_csv,
    kind_counts,
    listed_version,
    organisation_signatories,
)
from portal.alliance.services.importer import (
    CSVFormatError,
    ImportReport,
    import_allies,
    read_csv,
)
from portal.alliance.services.organisations import (
    get_or_create_organisation,
    normalize_website,
    resolve_kind,
    resolve_region,
    selectable_organisations,
)
from portal.alliance.services.signatures import (
    AlreadySigned,
    NotPending,
    SignatureError,
    co_signatories,
    other_signers,
    pending_signature_count,
    refuse_signature,
    sign_as_person,
    sign_for_organisation,
    validate_signature,
    withdraw_signature,
)
from portal.alliance.services.standing import (
    CharterStanding,
    SigningState,
    Standing,
    ally_since,
    announce_new_version,
    charter_standing,
    is_ally,
    signing_state,
)

__all__ = [
    "AllianceCounts",
    "DirectoryCounts",
    "AlreadySigned",
    "CSVFormatError",
    "CharterStanding",
    "DirectoryFilters",
    "ImportReport",
    "NotPending",
    "SignatureError",
    "SigningState",
    "Standing",
    "alliance_counts",
    "directory_counts",
    "ally_since",
    "announce_new_version",
    "charter_standing",
    "directory_query",
    "export_csv",
    "get_or_create_organisation",
    "import_allies",
    "is_ally",
    "kind_counts",
    "listed_version",
    "normalize_website",
    "organisation_signatories",
    "pending_signature_count",
    "read_csv",
    "refuse_signature",
    "resolve_kind",
    "resolve_region",
    "selectable_organisations",
    "sign_as_person",
    "sign_for_organisation",
    "signing_state",
    "validate_signature",
    "co_signatories",
    "other_signers",
    "withdraw_signature",
]
