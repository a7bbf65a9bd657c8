/* The card step of checkout: Stripe.js collects the card in its own field,
   the server charges the basket's total (POST data-pay-url), Stripe.js runs
   3-D Secure when the bank asks for it, then the order form is sent with the
   paid intent's id. */
(function () {
  "use strict";
  var script = document.querySelector("script[data-card-payment]");
  var form = document.getElementById("place_order_form");
  var mountPoint = document.querySelector("[data-card-element]");
  if (!script || !form || !mountPoint || typeof Stripe === "undefined") {
    return;
  }
  var stripe = Stripe(script.dataset.publishableKey);
  var cardField = stripe.elements().create("card");
  cardField.mount(mountPoint);
  var errorBox = document.querySelector("[data-card-error]");
  var intentInput = form.querySelector("[data-payment-intent]");
  var button = form.querySelector("[type=submit]");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function fail(message) {
    errorBox.textContent = message || "Your card payment did not go through.";
    errorBox.hidden = false;
    button.disabled = false;
  }

  function placeOrder(intentId) {
    intentInput.value = intentId;
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    if (intentInput.value) {
      return;
    }
    event.preventDefault();
    button.disabled = true;
    errorBox.hidden = true;
    stripe.createPaymentMethod({type: "card", card: cardField}).then(function (created) {
      if (created.error) {
        throw created.error;
      }
      var body = new URLSearchParams({payment_method: created.paymentMethod.id});
      return fetch(script.dataset.payUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: {"X-CSRFToken": csrf},
      }).then(function (response) { return response.json(); });
    }).then(function (result) {
      if (result.error) {
        throw result;
      }
      if (result.status === "requires_action") {
        return stripe.confirmCardPayment(result.client_secret).then(function (confirmed) {
          if (confirmed.error) {
            throw confirmed.error;
          }
          placeOrder(result.payment_intent);
        });
      }
      placeOrder(result.payment_intent);
    }).catch(function (error) {
      fail(error && (error.message || error.error));
    });
  });
})();
