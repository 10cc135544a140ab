# kubernetes-app: the TP4 application, standard library only.
# GET /        -> "Hello Kubernetes!"
# GET /config  -> the content of /etc/config/message (mounted from ConfigMap myapp-config),
#                from v0.2 on (APP_VERSION=v0.1 is the course's first image, without it)
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import os
import signal
import sys

CONFIG_FILE = os.environ.get("CONFIG_FILE", "/etc/config/message")
PORT = int(os.environ.get("PORT", "8000"))
HOST = os.environ.get("HOST", "0.0.0.0")
SERVES_CONFIG = os.environ.get("APP_VERSION", "v0.2") != "v0.1"


class Handler(BaseHTTPRequestHandler):
    def _send(self, status, text):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/":
            self._send(200, "Hello Kubernetes!\n")
        elif self.path == "/config" and SERVES_CONFIG:
            try:
                with open(CONFIG_FILE, "r", encoding="utf-8") as f:
                    self._send(200, f.read())
            except OSError:
                self._send(500, "no configuration at %s\n" % CONFIG_FILE)
        else:
            self._send(404, "Not Found\n")


if __name__ == "__main__":
    # As PID 1 in its container the process ignores SIGTERM unless it asks for
    # it: without this, every deleted pod waits out its 30 s grace period.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ThreadingHTTPServer((HOST, PORT), Handler).serve_forever()
