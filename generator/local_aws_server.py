"""The local AWS process: moto's server with clickstack's fixes (local_aws_fixes) applied.

    python -m generator.local_aws_server -H 127.0.0.1 -p PORT -c CERT -k KEY

Arguments are moto_server's; ``generator.local_aws`` starts this for ``make up``.
"""

from __future__ import annotations

import sys

from generator import local_aws_fixes


def main() -> None:
    local_aws_fixes.apply()
    # One request per connection (HTTP/1.0): with werkzeug's keep-alive, clients under load
    # reused connections the server was closing and lost responses of calls that had already
    # run (a retried CreateTable then failed with AlreadyExists). A TLS handshake per request
    # costs far less than that.
    from werkzeug.serving import WSGIRequestHandler

    WSGIRequestHandler.protocol_version = "HTTP/1.0"
    from moto.server import main as moto_main

    moto_main(sys.argv[1:])


if __name__ == "__main__":
    main()
