#!/usr/bin/env python3
"""A stand-in for runbot's Odoo in the demo, which cannot run Odoo itself.

It serves what RunbotVsCode asks Odoo for and what a browser needs around it:
  GET  /web/login                     a page with buttons to log in as a demo user
  POST /web/login                     sets the session_id cookie and redirects to ?redirect= (paths only)
  POST /web/session/get_session_info  Odoo's JSON-RPC answer for the session, or its "session expired" error
Listens on 127.0.0.1 only. Usage: odoo-standin.py PORT
"""
import html
import json
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Demo sessions: the session id a login sets, and the res_users row it stands for in samples/runbot-schema.sql.
USERS = {
    "admin": {"session": "demo-session-admin", "uid": 2, "login": "admin"},
    "portal": {"session": "demo-session-portal", "uid": 3, "login": "pat"},
}
SESSIONS = {user["session"]: user for user in USERS.values()}


def safe_redirect(value):
    """Return a local path to go to after login; anything else becomes '/'."""
    if value and value.startswith("/") and not value.startswith("//"):
        return value
    return "/"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/web/login":
            self.send_error(404)
            return
        redirect = safe_redirect(urllib.parse.parse_qs(url.query).get("redirect", ["/"])[0])
        target = html.escape("/web/login?" + urllib.parse.urlencode({"redirect": redirect}))
        body = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log in · demo runbot</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto">
<h1>Demo runbot login</h1><p>This stands in for runbot's Odoo login.</p>
<form method="post" action="{target}"><button name="user" value="admin">Log in as admin (internal user)</button>
<button name="user" value="portal">Log in as pat (portal user)</button></form></body></html>"""
        self.reply(200, "text/html; charset=utf-8", body.encode())

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        if url.path == "/web/login":
            user = USERS.get(urllib.parse.parse_qs(payload.decode()).get("user", [""])[0])
            if user is None:
                self.send_error(400)
                return
            self.send_response(303)
            self.send_header("Location", safe_redirect(urllib.parse.parse_qs(url.query).get("redirect", ["/"])[0]))
            self.send_header("Set-Cookie", f"session_id={user['session']}; Path=/; HttpOnly; SameSite=Lax")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif url.path == "/web/session/get_session_info":
            cookies = dict(part.strip().split("=", 1) for part in self.headers.get("Cookie", "").split(";") if "=" in part)
            user = SESSIONS.get(cookies.get("session_id", ""))
            if user is None:
                answer = {"jsonrpc": "2.0", "id": None, "error": {"code": 100, "message": "Odoo Session Expired"}}
            else:
                answer = {"jsonrpc": "2.0", "id": None,
                          "result": {"uid": user["uid"], "username": user["login"], "is_internal_user": user["uid"] == 2, "db": "runbot_demo"}}
            self.reply(200, "application/json", json.dumps(answer).encode())
        else:
            self.send_error(404)

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        sys.stderr.write("odoo-standin: " + format % args + "\n")


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
