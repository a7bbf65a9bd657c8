"""The pay-on-delivery fee, as one of Oscar's surcharges on the order."""

from oscar.apps.checkout.applicator import SurchargeApplicator as CoreApplicator
from oscar.apps.checkout.surcharges import FlatCharge
from oscar.apps.checkout.utils import CheckoutSessionData

from shop.checkout.payment import PayOnDelivery, pay_on_delivery_fee


class PayOnDeliveryFee(FlatCharge):
    name = "Pay on delivery fee"
    code = "pay-on-delivery-fee"


class SurchargeApplicator(CoreApplicator):
    def get_surcharges(self, basket, **kwargs):
        fee = pay_on_delivery_fee()
        if not fee or self.request is None:
            return ()
        method = CheckoutSessionData(self.request).payment_method()
        if method != PayOnDelivery.code:
            return ()
        return (PayOnDeliveryFee(excl_tax=fee, incl_tax=fee),)
