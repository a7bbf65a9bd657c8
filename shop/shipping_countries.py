"""The countries the shop ships to, for the data migration and load_demo."""

SHIPPING_COUNTRIES = [
    # (alpha-2, alpha-3, numeric, printable name, official name, display order)
    ("GB", "GBR", "826", "United Kingdom", "United Kingdom of Great Britain", 2),
    ("IE", "IRL", "372", "Ireland", "Ireland", 1),
]


def ensure_shipping_countries(country_model):
    """Create or update the shipping countries on the given Country model."""
    for code, alpha3, numeric, name, official, order in SHIPPING_COUNTRIES:
        country_model.objects.update_or_create(
            iso_3166_1_a2=code,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "printable_name": name,
                "name": official,
                "display_order": order,
                "is_shipping_country": True,
            },
        )
