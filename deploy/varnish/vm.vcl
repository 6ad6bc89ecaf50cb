vcl 4.1;
# Varnish on a VM in front of machi-portal@8001 and @8002 (docs/deployment.md; rules: portal.vcl).

import directors;

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = {
        .url = "/healthz";
        .timeout = 3s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
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

# The app servers run on this machine. nginx (also local) refuses PURGE and BAN from outside.
acl purgers {
    "127.0.0.1";
    "::1";
}

include "./portal.vcl";
