"""gunicorn settings for `ucj serve --production` (flags on the command line win).

Each worker starts the scheduler thread unless the server was started with
--no-scheduler (then `ucj worker` runs it); the job-run table makes sure a slot is
run once however many workers or servers there are.
"""

from __future__ import annotations

import os
from typing import Any

wsgi_app = "ucj.wsgi:application"
accesslog = None  # ucj.ops.middleware logs every request (JSON, with its request id)
errorlog = "-"
capture_output = True
forwarded_allow_ips = "127.0.0.1,::1"  # the reverse proxy on the same machine


def post_worker_init(worker: Any) -> None:
    if os.environ.get("UCJ_SCHEDULER") == "1":
        from ucj.ops.scheduler import start_thread

        start_thread()


control_socket_disable = True  # several servers may share a machine (and $HOME)
