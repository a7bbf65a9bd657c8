vcl 4.1;

# Varnish, between nginx and the gunicorn processes: keeps the public pages
# that Django marks shareable (Cache-Control: public, s-maxage=...,
# stale-while-revalidate=...) and lets Django purge exactly the paths that
# changed (wagtail.contrib.frontend_cache sends PURGE /path/).
#
# deploy/stack.py fills in the ${...} placeholders (the gunicorn ports) and
# starts varnishd with default_ttl=0: a response that does not say it may be
# shared is never kept. Varnish's builtin VCL runs after each subroutine
# below that does not return, and already refuses to store responses that
# set a cookie or say private, no-cache or no-store.

import directors;
import std;

# A gunicorn that stops answering its liveness URL gets no more requests
# until it answers again; both count as healthy from the start.
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend web1 {
    .host = "127.0.0.1";
    .port = "${GUNICORN_PORT_1}";
    .probe = healthz;
}

backend web2 {
    .host = "127.0.0.1";
    .port = "${GUNICORN_PORT_2}";
    .probe = healthz;
}

# Django's purges come from the task worker on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new web = directors.round_robin();
    web.add_backend(web1);
    web.add_backend(web2);
}

sub vcl_recv {
    set req.backend_hint = web.backend();
    # Set below, for the tests and for people reading responses.
    unset req.http.X-Cache;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE is not allowed from " + client.ip));
        }
        # Every stored variant of the path goes, whatever its query string
        # and host. Bans on obj.* only are evaluated by the ban lurker too,
        # so the ban list stays short.
        if (std.ban("obj.http.X-Path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(200, "Purged"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Per-visitor areas: the admin, the dashboard, the basket, checkout,
    # accounts, staff sign-in and the visitor's own data for the page.
    if (req.url ~ "^/(cms|django-admin|staff|visitor)(/|\?|$)" ||
        req.url ~ "^/shop/(dashboard|basket|checkout|accounts)(/|\?|$)") {
        return (pass);
    }

    # A session means a signed-in user or a visitor in checkout: their pages
    # are their own. Every other cookie (the anonymous basket, CSRF token,
    # messages) is read by /visitor/ and the forms, never by a public page.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;

    # Only the query parameters the site reads make a page of their own;
    # campaign tags (utm_*, fbclid, gclid) and anything unknown are dropped
    # before the lookup and the backend request, in one order. The product
    # lists' filters are price, stock and attr_<attribute code>.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "([?&])(?!(?:q|page|sort_by|kind|selected_facets|topic|tag|next|price|stock|attr_[A-Za-z0-9_]+)=)[^&]*",
            "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
        set req.url = std.querysort(req.url);
    }
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_response {
    # The path a stored page answers, for PURGE's ban above.
    set beresp.http.X-Path = regsub(bereq.url, "\?.*$", "");
}

sub vcl_deliver {
    unset resp.http.X-Path;
    if (req.http.X-Cache) {
        set resp.http.X-Cache = req.http.X-Cache;
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
