"""kombu's filesystem transport, with atomic writes.

The stock transport creates a message file and then writes into it; a worker polling the
folder can pick the file up in between and read it empty, which kills the worker with a
JSONDecodeError (seen with beat and a worker running side by side). Here a message is
written under a name the reader ignores and renamed into place when complete: a rename
within one folder is atomic, so a reader sees a whole message or none.
"""

import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.partial")
        with open(partial, "wb") as handle:
            handle.write(dumps(payload).encode())
        os.replace(partial, final)


class Transport(filesystem.Transport):
    Channel = Channel
