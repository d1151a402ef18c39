"""A TCP proxy that records what clients send and breaks the connection on purpose."""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass


@dataclass
class Fault:
    """What the proxy does once the server's bytes contain `trigger` (then the fault is spent).

    action "drop":  forward `after_bytes` more bytes from the trigger on, then close both sides.
    action "stall": forward `after_bytes` more bytes, then forward nothing (the client times out).
    """

    trigger: bytes
    action: str = "drop"
    after_bytes: int = 0
    skip: int = 0          # let this many occurrences of the trigger through first


class FaultProxy:
    """127.0.0.1:port -> target; records what clients send; injects one Fault when told to."""

    host = "127.0.0.1"

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.fault: Fault | None = None
        self.fired: list[Fault] = []
        self._sent: list[bytes] = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((self.host, 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept_loop, daemon=True, name="fault-proxy").start()

    def client_bytes(self) -> bytes:
        """Everything clients sent so far, in order (commands and literals)."""
        with self._lock:
            return b"".join(self._sent)

    def reset_record(self) -> None:
        with self._lock:
            self._sent.clear()

    def close(self) -> None:
        self._closed = True
        for sock in [self._listener, *self._sockets]:
            try:
                sock.close()
            except OSError:
                pass

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump_up, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump_down, args=(upstream, client), daemon=True).start()

    def _pump_up(self, client: socket.socket, upstream: socket.socket) -> None:
        while True:
            try:
                data = client.recv(65536)
            except OSError:
                data = b""
            if not data:
                _shut(upstream)
                return
            with self._lock:
                self._sent.append(data)
            try:
                upstream.sendall(data)
            except OSError:
                return

    def _pump_down(self, upstream: socket.socket, client: socket.socket) -> None:
        while True:
            try:
                data = upstream.recv(65536)
            except OSError:
                data = b""
            if not data:
                _shut(client)
                return
            fault = self.fault
            position = self._trigger_position(fault, data) if fault else -1
            if position < 0:
                try:
                    client.sendall(data)
                except OSError:
                    return
                continue
            self.fault = None
            self.fired.append(fault)
            try:
                client.sendall(data[:position + fault.after_bytes])
            except OSError:
                return
            if fault.action == "drop":
                _shut(client)
                _shut(upstream)
                return
            return   # stall: stop forwarding; the client's socket timeout ends the wait


    def _trigger_position(self, fault: Fault, data: bytes) -> int:
        """Where the fault fires in this chunk, or -1 (counting down `skip` on the way)."""
        position = data.find(fault.trigger)
        while position >= 0 and fault.skip > 0:
            fault.skip -= 1
            position = data.find(fault.trigger, position + 1)
        return position


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
