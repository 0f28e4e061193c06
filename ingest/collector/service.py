"""The collector assembled: Kinesis writer, routes and HTTP server, and its life cycle.

`run` is what ``python -m collector`` does: serve until SIGTERM (ECS stopping the task) or
SIGINT, then stop accepting, finish the requests in flight and exit.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from .app import Collector
from .config import Config
from .http import HttpServer
from .kinesis import KinesisWriter, PutRecords, botocore_put_records
from .logs import log


class Service:
    def __init__(self, config: Config, put_records: PutRecords) -> None:
        self.config = config
        self.writer = KinesisWriter(
            put_records,
            max_workers=config.kinesis_max_connections,
            retries=config.put_retries,
            backoff_base_s=config.backoff_base_s,
            backoff_max_s=config.backoff_max_s,
        )
        self.collector = Collector(
            self.writer,
            trusted_proxy_hops=config.trusted_proxy_hops,
            retry_after_s=config.retry_after_s,
        )
        self.server = HttpServer(
            self.collector,
            host=config.host,
            port=config.port,
            max_header_bytes=config.max_header_bytes,
            max_body_bytes=config.max_body_bytes,
            keepalive_timeout_s=config.keepalive_timeout_s,
            request_timeout_s=config.request_timeout_s,
            shutdown_timeout_s=config.shutdown_timeout_s,
        )
        self.collector.stopping = lambda: self.server.stopping

    async def start(self) -> int:
        return await self.server.start()

    async def stop(self) -> bool:
        """Drain and release; True when every request in flight finished in time."""
        drained = await self.server.shutdown()
        await asyncio.to_thread(self.writer.close)
        return drained


async def run(config: Config, put_records: PutRecords | None = None) -> int:
    service = Service(config, put_records or botocore_put_records(config))
    port = await service.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log(
        logging.INFO,
        "listening",
        host=config.host,
        port=port,
        stream=config.stream_name,
        region=config.region,
    )
    await stop.wait()
    log(logging.INFO, "stopping", in_flight=service.server.in_flight)
    drained = await service.stop()
    log(logging.INFO if drained else logging.WARNING, "stopped", drained=drained)
    return 0
