/* Site-wide behaviour; every page works without it. */
(function () {
  "use strict";

  // Header search suggestions from Wagtail's autocomplete, as a datalist.
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  if (input && list && window.fetch) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q), {
          headers: { "Accept": "application/json" }
        }).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.suggestions || []).forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              list.appendChild(option);
            });
          }).catch(function () {});
      }, 200);
    });
  }
})();

// Security: the public Content-Security-Policy blocks inline event handlers,
// so Oscar's onclick="window.print()" / "history.go(-1)" links are replaced
// by data attributes handled here (templates/oscar/checkout/thank_you.html,
// templates/oscar/partials/form.html).
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-print-page], [data-history-back]");
  if (!target) { return; }
  event.preventDefault();
  if (target.hasAttribute("data-print-page")) { window.print(); } else { window.history.back(); }
});

// Messages stick to the top of the viewport (site.css "Messages in view");
// each gets a button to put it away. Focus, which was on the button, goes
// back to the main region without scrolling.
function dismissibleMessage(message) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "messages__dismiss";
  button.setAttribute("aria-label", "Dismiss message");
  button.textContent = "\u00d7";
  button.addEventListener("click", function () {
    var region = message.parentNode;
    message.remove();
    if (!region.querySelector("[data-message]")) { region.remove(); }
    var main = document.getElementById("main");
    if (main) { main.focus({ preventScroll: true }); }
  });
  message.appendChild(button);
}

// An anchor the page opened at (a callout after "Add to basket") scrolls
// clear of the sticky messages, however tall they are.
function scrollToAnchorBelowMessages() {
  var region = document.querySelector("[data-messages]");
  var id = window.location.hash.slice(1);
  var target = region && id ? document.getElementById(decodeURIComponent(id)) : null;
  if (!target) { return; }
  target.style.scrollMarginTop = (region.offsetHeight + 24) + "px";
  target.scrollIntoView();
}

// Messages the server did not put into the page (pages any cache may hold
// carry none), in the same markup as templates/includes/messages.html.
function showMessages(list) {
  var main = document.getElementById("main");
  if (!list.length || !main) { return; }
  var region = document.querySelector("[data-messages]");
  if (!region) {
    region = document.createElement("div");
    region.className = "messages";
    region.setAttribute("role", "status");
    region.setAttribute("data-messages", "");
    main.insertBefore(region, main.firstChild);
  }
  list.forEach(function (item) {
    var message = document.createElement("div");
    var level = item.level === "error" ? "danger" : (item.level || "info");
    message.className = "alert alert-" + level + " messages__item";
    message.setAttribute("data-message", "");
    var text = document.createElement("span");
    text.className = "messages__text";
    text.innerHTML = item.html;
    message.appendChild(text);
    region.appendChild(message);
    dismissibleMessage(message);
  });
}

document.querySelectorAll("[data-message]").forEach(dismissibleMessage);
scrollToAnchorBelowMessages();

// What is the visitor's own comes from /visitor/ (never cached): the
// mini-basket, waiting messages, and a CSRF token that turns each form
// marked data-post, sent as a GET to a confirmation step without a script,
// into the POST it is.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  function upgrade(form, visitor) {
    var token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = visitor.csrf_token;
    form.appendChild(token);
    form.method = "post";
    form.removeAttribute("data-post");
  }
  var visitorReady = fetch("/visitor/", { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; });
  // A form sent before the token is in waits for it (and goes as the GET
  // confirmation step if /visitor/ failed).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-post")) { return; }
    event.preventDefault();
    visitorReady.then(function (visitor) {
      if (visitor && form.hasAttribute("data-post")) { upgrade(form, visitor); }
      form.submit();
    });
  });
  visitorReady.then(function (visitor) {
    if (!visitor) { return; }
    document.querySelectorAll("form[data-post]").forEach(function (form) {
      upgrade(form, visitor);
    });
    var count = document.querySelector("[data-mini-basket-count]");
    var total = document.querySelector("[data-mini-basket-total]");
    if (count && total) {
      count.textContent = visitor.basket.num_items;
      total.textContent = visitor.basket.total;
    }
    showMessages(visitor.messages);
    if (visitor.messages.length) { scrollToAnchorBelowMessages(); }
  });
})();

// The storefront's behaviour that Oscar's ui.js gave with jQuery, which
// public pages do not load. Every form still works without it.
(function () {
  "use strict";

  // Basket lines: "Remove" and "Save for later" tick the line's hidden
  // checkbox and send the basket form, as Oscar's basket script did.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("#basket_formset a[data-behaviours], #saved_basket_formset a[data-behaviours]");
    if (!link) { return; }
    var form = link.closest("form");
    var prefix = form.id === "saved_basket_formset" ? "saved" : "form";
    var field = { remove: "DELETE", save: "save_for_later", move: "move_to_basket" }[link.dataset.behaviours];
    var box = document.getElementById("id_" + prefix + "-" + link.dataset.id + "-" + field);
    if (!field || !box) { return; }
    event.preventDefault();
    box.checked = true;
    form.requestSubmit();
  });

  // The basket's voucher form opens from its link (and at #voucher).
  var voucher = document.getElementById("voucher_form_container");
  var voucherLink = document.getElementById("voucher_form_link");
  function showVoucher(show) {
    voucher.hidden = !show;
    voucher.style.display = show ? "block" : "none";
    voucherLink.hidden = show;
    if (show) { document.getElementById("id_code").focus(); }
  }
  if (voucher && voucherLink) {
    voucherLink.addEventListener("click", function (event) { event.preventDefault(); showVoucher(true); });
    var cancel = document.getElementById("voucher_form_cancel");
    if (cancel) { cancel.addEventListener("click", function (event) { event.preventDefault(); showVoucher(false); }); }
    if (window.location.hash === "#voucher") { showVoucher(true); }
  }

  // Sorting a list applies on change (its Sort button is there without this).
  var sort = document.getElementById("id_sort_by");
  if (sort && sort.form) { sort.addEventListener("change", function () { sort.form.requestSubmit(); }); }

  // Checkout sign-in: no password for a guest or a new customer.
  var password = document.getElementById("id_password");
  var options = document.querySelectorAll("form input[name=options]");
  function togglePassword() {
    var chosen = document.querySelector("form input[name=options]:checked");
    password.disabled = !!chosen && (chosen.value === "anonymous" || chosen.value === "new");
  }
  if (password && options.length) {
    options.forEach(function (option) { option.addEventListener("change", togglePassword); });
    togglePassword();
  }

  // A button with data-loading-text says so and is not pressed twice.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.dataset.loadingText || event.defaultPrevented) { return; }
    setTimeout(function () {
      button.textContent = button.dataset.loadingText;
      button.disabled = true;
    });
  });

  // Review form: clicking a star sets the score.
  document.querySelectorAll(".reviewrating").forEach(function (rating) {
    var select = rating.querySelector("select");
    var stars = rating.querySelectorAll(".star-rating i");
    var names = ["One", "Two", "Three", "Four", "Five"];
    stars.forEach(function (star, index) {
      star.addEventListener("click", function () {
        var box = star.parentNode;
        names.forEach(function (name) { box.classList.remove(name); });
        box.classList.add(names[index]);
        if (select) { select.value = String(index + 1); }
      });
    });
  });

  // Product gallery: a small picture shows in the main place.
  var main = document.querySelector("[data-gallery-main]");
  document.querySelectorAll("[data-gallery-src]").forEach(function (link) {
    if (!main) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      main.src = link.dataset.gallerySrc;
      main.srcset = link.dataset.gallerySrcset;
      main.width = link.dataset.galleryWidth;
      main.height = link.dataset.galleryHeight;
      var current = link.closest("ul").querySelector("[aria-current]");
      if (current) { current.removeAttribute("aria-current"); }
      link.setAttribute("aria-current", "true");
    });
  });

  // Shared wish lists: copy the link.
  document.querySelectorAll(".clipboard-item").forEach(function (item) {
    item.addEventListener("click", function (event) {
      event.preventDefault();
      if (navigator.clipboard) { navigator.clipboard.writeText(window.location.origin + item.getAttribute("href")); }
    });
  });
})();

// A product page opened from an article's callout ("View product",
// ?via=<page>.<block>) passes the callout on with its add form, for
// attribution/. The page itself is the same bytes for everyone: caches
// drop the parameter, so it is read here, not by the server.
(function () {
  "use strict";
  var form = document.getElementById("add_to_basket_form");
  var match = /^(\d{1,10})\.([A-Za-z0-9-]{1,64})$/.exec(new URLSearchParams(window.location.search).get("via") || "");
  if (!form || !match) { return; }
  [["callout_page", match[1]], ["callout_block", match[2]]].forEach(function (field) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = field[0];
    input.value = field[1];
    form.appendChild(input);
  });
})();

// Callout impressions and clicks, for attribution/: which callouts were at
// least half in view, and which had a link followed, reported once per page
// view with sendBeacon when the page is left or hidden. The beacon carries
// only "<page>.<block>" ids; without a script nothing is counted.
(function () {
  "use strict";
  var callouts = document.querySelectorAll("[data-callout-via]");
  if (!callouts.length || !navigator.sendBeacon || !window.IntersectionObserver) { return; }
  var pending = { seen: {}, clicked: {} };
  var reported = { seen: {}, clicked: {} };
  function note(kind, via) {
    if (!reported[kind][via]) { pending[kind][via] = true; }
  }
  function report() {
    var body = {};
    Object.keys(pending).forEach(function (kind) {
      var ids = Object.keys(pending[kind]);
      if (ids.length) { body[kind] = ids; }
      ids.forEach(function (via) { reported[kind][via] = true; });
      pending[kind] = {};
    });
    if (Object.keys(body).length) { navigator.sendBeacon("/attribution/seen/", JSON.stringify(body)); }
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) { return; }
      note("seen", entry.target.dataset.calloutVia);
      observer.unobserve(entry.target);
    });
  }, { threshold: 0.5 });
  callouts.forEach(function (callout) {
    observer.observe(callout);
    callout.addEventListener("click", function (event) {
      if (event.target.closest("a[href]")) { note("clicked", callout.dataset.calloutVia); }
    });
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { report(); }
  });
  window.addEventListener("pagehide", report);
})();
