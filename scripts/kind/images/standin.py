# A stand-in for a public image the labs use (instavote/vote,
# kubernetes-bootcamp…) that Debian's packages cannot play: it listens where the
# real image does and answers what the labs look at. It also refuses to start
# without the environment the real image requires (mysql's root password).
import os
import signal
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ["STANDIN_PORT"])
BODY = os.environ.get("STANDIN_BODY", "").replace("\\n", "\n")
REQUIRED = [name for name in os.environ.get("STANDIN_REQUIRE_ONE_OF", "").split(",") if name]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = BODY.replace("{hostname}", socket.gethostname()).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if REQUIRED and not any(os.environ.get(name) for name in REQUIRED):
    print("error: database is uninitialized and none of %s is specified" % ", ".join(REQUIRED), file=sys.stderr)
    sys.exit(1)
# PID 1 ignores SIGTERM unless it asks for it; the real images stop at once
# (nginx, apache), so a deleted stand-in pod must not wait out its grace period.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
ThreadingHTTPServer(("0.0.0.0", PORT), Handler).serve_forever()
