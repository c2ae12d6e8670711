//! Rendering and writing at the same time: what the renderer writes is cut into chunks that a
//! second thread writes out, so that the system's time spent copying a large report into the
//! file (a quarter of a 100,000-device run) overlaps with serialising it.

use std::io::{self, Write};
use std::mem;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

/// Bytes handed to the writing thread at a time.
const CHUNK: usize = 1 << 20;
/// Chunks that may wait for the writing thread: bounds the memory in flight to a few MiB.
const QUEUED: usize = 2;

/// Runs `body` with a writer whose bytes reach `sink` from another thread, in order. Returns
/// `sink` once everything is written and flushed. A failure of `sink` (a full disk, a closed
/// pipe) is the error returned, even when `body` stopped first because of it.
pub fn write_through<W: Write + Send>(
    sink: W,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<W> {
    let (full, to_write) = mpsc::sync_channel::<Vec<u8>>(QUEUED);
    let (give_back, spare) = mpsc::channel::<Vec<u8>>();
    thread::scope(|scope| {
        let writer = scope.spawn(move || write_all(sink, &to_write, &give_back));
        let mut chunks = Chunks {
            current: Vec::with_capacity(CHUNK),
            full,
            spare,
        };
        let produced = body(&mut chunks).and_then(|()| chunks.send_current());
        // Closing the channel tells the writer that nothing more comes.
        drop(chunks);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (written, produced) {
            (Err(e), _) | (Ok(_), Err(e)) => Err(e),
            (Ok(sink), Ok(())) => Ok(sink),
        }
    })
}

/// The writing thread: writes chunks as they come and hands the emptied buffers back.
fn write_all<W: Write>(
    mut sink: W,
    to_write: &Receiver<Vec<u8>>,
    give_back: &mpsc::Sender<Vec<u8>>,
) -> io::Result<W> {
    for mut chunk in to_write {
        sink.write_all(&chunk)?;
        chunk.clear();
        // The renderer may have finished already; then the buffer is simply dropped.
        let _ = give_back.send(chunk);
    }
    sink.flush()?;
    Ok(sink)
}

/// The renderer's side: fills a buffer and queues it when full.
struct Chunks {
    current: Vec<u8>,
    full: SyncSender<Vec<u8>>,
    spare: Receiver<Vec<u8>>,
}

impl Chunks {
    fn send_current(&mut self) -> io::Result<()> {
        if self.current.is_empty() {
            return Ok(());
        }
        // A buffer the writer has emptied, so that fresh memory is not touched for every chunk.
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        let chunk = mem::replace(&mut self.current, next);
        // The writer stops receiving only when it failed; its error is the one reported.
        self.full
            .send(chunk)
            .map_err(|_| io::Error::other("the writing thread stopped"))
    }
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        // At most what fills the chunk (`write_all` comes back for the rest): a large text is
        // passed on in chunks, not copied whole.
        let taken = bytes.len().min(CHUNK - self.current.len());
        self.current.extend_from_slice(&bytes[..taken]);
        if self.current.len() == CHUNK {
            self.send_current()?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        // Flushing the sink is the writer's last step; flushing here would only cut small chunks.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_arrives_in_order() {
        // Many small writes and a few large ones, crossing chunk borders at odd places.
        let mut expected = Vec::new();
        let sink = write_through(Vec::new(), |w| {
            for i in 0..200_000u32 {
                let piece = format!("{i},");
                expected.extend_from_slice(piece.as_bytes());
                w.write_all(piece.as_bytes())?;
                if i % 50_000 == 0 {
                    let big = vec![b'x'; 3 * CHUNK + 7];
                    expected.extend_from_slice(&big);
                    w.write_all(&big)?;
                }
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(sink.len(), expected.len());
        assert!(sink == expected);
    }

    /// A sink that accepts `room` bytes and then fails as a full disk does.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            let n = bytes.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_sinks_failure_is_the_error_reported() {
        let mut produced = 0usize;
        let result = write_through(Full { room: 5 * CHUNK }, |w| {
            for _ in 0..100 {
                w.write_all(&[b'y'; CHUNK])?;
                produced += 1;
            }
            Ok(())
        });
        let error = result.err().expect("a full disk fails the write");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        // The renderer stopped soon after the writer did, not after rendering everything.
        assert!(produced < 100, "rendering went on after the sink failed");
    }

    #[test]
    fn the_renderers_failure_is_reported() {
        let result = write_through(Vec::new(), |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("render failed"))
        });
        assert_eq!(result.err().unwrap().to_string(), "render failed");
    }
}
