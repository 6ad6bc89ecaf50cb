vcl 4.1;
# Varnish in front of the two app containers of deploy/compose.yaml (rules: portal.vcl).

import directors;

backend app1 {
    .host = "app-1";
    .port = "8000";
    .probe = {
        .url = "/healthz";
        .timeout = 3s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
}

backend app2 {
    .host = "app-2";
    .port = "8000";
    .probe = {
        .url = "/healthz";
        .timeout = 3s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();
}

# The app containers' fixed addresses (compose.yaml, network "apps"): they alone may purge. Residents'
# requests come from their own addresses or a Docker gateway (.1), never from this range.
acl purgers {
    "172.30.0.16"/28;
}

include "./portal.vcl";
