"""``build.py serve``: preview the site with live reload.

    serve(settings, host, port) -> exit status      blocks until Ctrl-C
    serving(settings, port=0) -> LiveServer         the same on a background thread (tests, scripts)
    ServeError                                      busy port, bad --host: one line for the user

See :mod:`generator.serve.server` for the loop, :mod:`.web` for HTTP and the
reload socket, :mod:`.watch` for file events, :mod:`.wiring` for the calls into
the other stages.
"""

from generator.serve.server import LiveServer, ServeError, serve, serving

__all__ = ["LiveServer", "ServeError", "serve", "serving"]
