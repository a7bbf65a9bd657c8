import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def get_urls(self):
        from shop.checkout.views import CardPaymentView, StripeWebhookView

        urls = [
            path("card/pay/", CardPaymentView.as_view(), name="card-pay"),
            path("stripe/webhook/", StripeWebhookView.as_view(), name="stripe-webhook"),
        ]
        return self.post_process_urls(urls) + super().get_urls()
