"""A generated site of tiny pages on 127.0.0.1 for the crawler test, in its own process:

    python tests/generated_site.py PORT PAGES

Page k (/seite/k, from 1) links to pages 2k and 2k+1 in three spellings of each address, to its
parent, to a page robots.txt excludes, to the same page on another host name and to another
site. GET /requests answers how often each path was requested (JSON)."""

import json
import sys
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEXT = "<p>" + "Ein Satz über die Arbeit des Amtes. " * 100 + "</p>"  # about 3.6 KB a page


class Site(BaseHTTPRequestHandler):
    pages, counts = 0, Counter()

    def do_GET(self):
        if self.path == "/requests":
            return self.answer(200, "application/json", json.dumps(self.counts))
        self.counts[self.path] += 1
        if self.path == "/robots.txt":
            return self.answer(200, "text/plain", "User-agent: *\nDisallow: /intern/\n")
        number = self.path.removeprefix("/seite/")
        if not number.isdigit() or not 1 <= int(number) <= self.pages:
            return self.answer(404, "text/html", "<p>Nicht gefunden</p>")
        self.answer(200, "text/html; charset=utf-8", self.page(int(number)))

    def page(self, k):
        port = self.server.server_address[1]
        links = [f"/seite/{max(k // 2, 1)}", f"/intern/{k}", "https://example.org/"]
        links.append(f"http://localhost:{port}/seite/{k}")  # another host name
        for child in (2 * k, 2 * k + 1):
            if child <= self.pages:
                links += [f"/seite/{child}#oben", f"HTTP://127.0.0.1:{port}/seite/{child}"]
                links.append(f"../seite/{child}")
        anchors = "".join(f'<li><a href="{link}">Seite</a></li>' for link in links)
        return f"<!DOCTYPE html><title>Seite {k}</title><ul>{anchors}</ul>{TEXT}"

    def answer(self, status, content_type, text):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    Site.pages = int(sys.argv[2])
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Site).serve_forever()
