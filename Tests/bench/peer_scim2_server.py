#!/usr/bin/env python3
"""The Python peer, scim2-server (PyPI), mounted at /api/v1/scim with a bearer token and preloaded
in memory with the same synthetic users scimd's `seed` makes (user<i>@example.com).
usage: peer_scim2_server.py PORT TOKEN USERS"""
import secrets, sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, WSGIRequestHandler, make_server
from wsgiref.util import application_uri

from scim2_models import ScimProvider
from scim2_server.memory import InMemoryStorage
from scim2_server.service import ScimService
from scim2_server.testserver.application import BEARER_TOKEN_SCHEME, BearerTokenApplication
from scim2_server.utils import load_default_resource_types, load_default_schemas, load_default_service_provider_config

PREFIX = "/api/v1/scim"
port, token, users = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])


class App(BearerTokenApplication):
    @staticmethod
    def get_base_url(environ):
        return application_uri(environ).rstrip("/")


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 256


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


config = load_default_service_provider_config()
config.authentication_schemes = [*(config.authentication_schemes or []), BEARER_TOKEN_SCHEME]
provider = ScimProvider.from_discovery(load_default_schemas().values(), load_default_resource_types().values(), config=config)
service = ScimService(provider, secret=secrets.token_urlsafe(32))
storage = InMemoryStorage()
app = App(storage, provider, service=service, bearer_tokens=[token])

# Preload through the storage's own create path, so its indexes are what a POST would build.
resource_types = load_default_resource_types()
UserModel = provider.model_for("User")
for i in range(users):
    storage.create(resource_types["User"], UserModel.model_validate({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": f"user{i}@example.com",
        "externalId": f"ext-{i}", "displayName": f"Given{i} Family{i}", "active": True,
        "name": {"givenName": f"Given{i}", "familyName": f"Family{i}", "formatted": f"Given{i} Family{i}"},
        "emails": [{"value": f"user{i}@example.com", "type": "work", "primary": True}]}))


def mounted(env, start_response):
    path = env.get("PATH_INFO", "")
    if path == PREFIX or path.startswith(PREFIX + "/"):
        env["SCRIPT_NAME"] = PREFIX
        env["PATH_INFO"] = path[len(PREFIX):] or "/"
        return app(env, start_response)
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found\n"]


with make_server("127.0.0.1", port, mounted, server_class=Server, handler_class=QuietHandler) as srv:
    print(f"ready {PREFIX}", flush=True)
    srv.serve_forever()
