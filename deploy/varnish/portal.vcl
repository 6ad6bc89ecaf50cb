# Machi Portal's caching rules, shared by default.vcl (compose) and vm.vcl (a VM with systemd):
#
# - Caches what the portal marks cacheable (Cache-Control: s-maxage / max-age) for anonymous
#   visitors; never the admin, never a request that carries a session, never a POST.
# - Accepts PURGE (one URL) and BAN (a URL pattern in the X-Ban-Url header) only from the app
#   app servers (acl purgers, in default.vcl and vm.vcl), so Wagtail's front-end cache invalidation (FRONTEND_CACHE_URL) works and
#   nobody else can empty the cache. On a VM nginx refuses both methods from outside.

import std;

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every site's pages: the portal sends this BAN to the cache's own address (its Host header
        # names the cache, not a site), and a change on one city's site can show on another's
        # (banners for every site, shared settings). On the object's own copy of its URL, so the
        # ban lurker removes banned pages in the background and the ban list stays short.
        ban("obj.http.X-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    # A page past its lifetime is fetched again while an app server is up: its lifetime ends at
    # the next alert banner start or end, so a stale copy would show a banner after its end. The
    # grace below serves stale pages only while every app server is down.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|healthz|readyz)" ) {
        return (pass);
    }
    # Static files have hashed names (WhiteNoise): cache them whatever the cookies.
    if (req.url ~ "^/static/") {
        unset req.http.Cookie;
        return (hash);
    }
    # Staff signed in (session) or a form in progress (csrftoken): their own pages, not cached.
    if (req.http.Cookie ~ "(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.X-Url = bereq.url;  # for BAN (above); not sent to visitors
    # Only what the portal said may be shared; never a response that sets a cookie.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (!beresp.http.Cache-Control ~ "(s-maxage|max-age)") {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Serve a stale page for a while if every app server is down.
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
