import pytest
import stripe


@pytest.fixture
def api(stripe_keys):
    return stripe.StripeClient(
        stripe_keys.STRIPE_SECRET_KEY,
        base_addresses={"api": stripe_keys.STRIPE_API_BASE},
    )
