#!/usr/bin/env python3
"""A TCP reverse proxy for tests: TLS (or plain) in front, plain TCP to a backend on 127.0.0.1.

Test-only. Python 3 standard library (asyncio + ssl). Usage:

    tls-proxy.py --backend PORT --events FILE [--listen HOST] [--cert server.pem --key server-key.pem]

Without --cert it listens in plain TCP (to watch that nothing arrives). It binds a free port and
appends, flushed, one line per event to the events file:

    listening <port>          once, when ready
    accepted                  a connection whose TLS handshake (if any) completed
    sent <bytes>              written before the proxy forwards that many client bytes to the backend

A client that aborts the TLS handshake leaves no line; one that closes after it leaves no `sent` line.
It exits on SIGTERM or when its parent process goes away.
"""

import argparse
import asyncio
import os
import signal
import ssl


def say(line, stream):
    stream.write(line + "\n")
    stream.flush()


async def pipe(reader, writer, events=None, first=b""):
    """Copies reader to writer; with events, logs `sent <n>` before forwarding each chunk."""
    try:
        data = first
        while True:
            if data:
                if events is not None:
                    say(f"sent {len(data)}", events)
                writer.write(data)
                await writer.drain()
            data = await reader.read(65536)
            if not data:
                break
    except (ConnectionError, ssl.SSLError, OSError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", type=int, required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--listen", default="127.0.0.1")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()

    events = open(args.events, "a", encoding="utf-8")
    context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)

    async def handle(client_reader, client_writer):
        say("accepted", events)
        # The backend is dialled only once the client has sent something: a client that gives up
        # after the handshake (a failed host name check) reaches nothing.
        try:
            first = await client_reader.read(65536)
        except (ConnectionError, ssl.SSLError, OSError):
            first = b""
        if not first:
            client_writer.close()
            return
        try:
            backend_reader, backend_writer = await asyncio.open_connection("127.0.0.1", args.backend)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            pipe(client_reader, backend_writer, events, first),
            pipe(backend_reader, client_writer),
        )

    server = await asyncio.start_server(handle, args.listen, 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    say(f"listening {port}", events)

    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: done.done() or done.set_result(None))
    parent = os.getppid()
    while not done.done() and os.getppid() == parent:
        await asyncio.wait([done], timeout=0.5)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
