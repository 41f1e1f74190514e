//! A raw deflate stream (a zip member's body) as a reader of its bytes.
//!
//! Natively the inflating runs on a thread of its own, so that unpacking a
//! member overlaps with parsing it: the reader's own thread reads the
//! compressed bytes, hands them over a chunk at a time, and takes back the
//! unpacked ones. Only byte buffers cross; the source stays where it is. In
//! the browser, where there are no threads, flate2 inflates on the spot.
//!
//! Either way the errors are flate2's kinds: `InvalidInput` for corrupt data,
//! `UnexpectedEof` for a stream that stops before its end.

use std::io::{self, Read};

#[cfg(target_arch = "wasm32")]
pub(crate) struct Inflate<R: Read>(flate2::read::DeflateDecoder<R>);

#[cfg(target_arch = "wasm32")]
impl<R: Read> Inflate<R> {
    pub(crate) fn new(source: R) -> Inflate<R> {
        Inflate(flate2::read::DeflateDecoder::new(source))
    }

    pub(crate) fn get_ref(&self) -> &R {
        self.0.get_ref()
    }
}

#[cfg(target_arch = "wasm32")]
impl<R: Read> Read for Inflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use threaded::Inflate;

#[cfg(not(target_arch = "wasm32"))]
mod threaded {
    use super::*;
    use flate2::{Decompress, FlushDecompress, Status};
    use std::sync::mpsc::{self, Receiver, SyncSender};

    /// Compressed bytes per chunk handed over.
    const IN_CHUNK: usize = 1 << 18;
    /// Unpacked bytes per chunk handed back.
    const OUT_CHUNK: usize = 1 << 20;
    /// Chunks handed over and not yet consumed: enough to keep the other
    /// thread busy, and never so many that handing one over could wait.
    const IN_FLIGHT: usize = 2;

    enum Out {
        Data(Vec<u8>),
        /// One chunk handed over is used up.
        Consumed,
        /// The stream's own end.
        End,
        Corrupt,
        /// The compressed bytes ran out before the stream ended.
        Incomplete,
    }

    pub(crate) struct Inflate<R: Read> {
        source: R,
        to_thread: Option<SyncSender<Vec<u8>>>,
        from_thread: Receiver<Out>,
        in_flight: usize,
        unpacked: Vec<u8>,
        at: usize,
        ended: bool,
    }

    impl<R: Read> Inflate<R> {
        pub(crate) fn new(source: R) -> Inflate<R> {
            let (to_thread, input) = mpsc::sync_channel(IN_FLIGHT + 1);
            let (output, from_thread) = mpsc::sync_channel(8);
            std::thread::spawn(move || inflate(input, output));
            Inflate {
                source,
                to_thread: Some(to_thread),
                from_thread,
                in_flight: 0,
                unpacked: Vec::new(),
                at: 0,
                ended: false,
            }
        }

        pub(crate) fn get_ref(&self) -> &R {
            &self.source
        }

        /// Hands compressed chunks over until enough are on their way or the
        /// source is read to its end.
        fn feed(&mut self) -> io::Result<()> {
            while self.in_flight < IN_FLIGHT {
                let Some(to_thread) = &self.to_thread else { return Ok(()) };
                let mut chunk = vec![0; IN_CHUNK];
                let mut filled = 0;
                while filled < IN_CHUNK {
                    match self.source.read(&mut chunk[filled..]) {
                        Ok(0) => break,
                        Ok(n) => filled += n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                }
                if filled == 0 {
                    // Closing the channel tells the thread that nothing more comes.
                    self.to_thread = None;
                    return Ok(());
                }
                chunk.truncate(filled);
                if to_thread.send(chunk).is_err() {
                    // The thread has finished (the stream ended or was corrupt).
                    self.to_thread = None;
                    return Ok(());
                }
                self.in_flight += 1;
            }
            Ok(())
        }
    }

    impl<R: Read> Read for Inflate<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            loop {
                if self.at < self.unpacked.len() {
                    let n = buf.len().min(self.unpacked.len() - self.at);
                    buf[..n].copy_from_slice(&self.unpacked[self.at..self.at + n]);
                    self.at += n;
                    return Ok(n);
                }
                if self.ended || buf.is_empty() {
                    return Ok(0);
                }
                self.feed()?;
                match self.from_thread.recv() {
                    Ok(Out::Data(data)) => (self.unpacked, self.at) = (data, 0),
                    Ok(Out::Consumed) => self.in_flight -= 1,
                    Ok(Out::End) => self.ended = true,
                    Ok(Out::Corrupt) => {
                        return Err(io::Error::new(io::ErrorKind::InvalidInput, "corrupt deflate stream"))
                    }
                    Ok(Out::Incomplete) | Err(_) => {
                        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "incomplete deflate stream"))
                    }
                }
            }
        }
    }

    /// The other thread: inflates what comes in, sends back what comes out.
    fn inflate(input: Receiver<Vec<u8>>, output: SyncSender<Out>) {
        let mut decompress = Decompress::new(false);
        let mut out = Vec::with_capacity(OUT_CHUNK);
        // Send failures mean the reader is gone: there is nobody to tell.
        for chunk in input {
            let mut at = 0;
            loop {
                let (before, written) = (decompress.total_in(), out.len());
                let status = decompress.decompress_vec(&chunk[at..], &mut out, FlushDecompress::None);
                at += (decompress.total_in() - before) as usize;
                let full = out.len() == out.capacity();
                let stuck = decompress.total_in() == before && out.len() == written;
                match status {
                    Err(_) => {
                        let _ = output.send(Out::Corrupt);
                        return;
                    }
                    Ok(Status::StreamEnd) => {
                        if !out.is_empty() {
                            let _ = output.send(Out::Data(out));
                        }
                        let _ = output.send(Out::End);
                        return;
                    }
                    Ok(_) => {}
                }
                if full {
                    let _ = output.send(Out::Data(std::mem::replace(&mut out, Vec::with_capacity(OUT_CHUNK))));
                } else if at == chunk.len() || stuck {
                    break;
                }
            }
            if output.send(Out::Consumed).is_err() {
                return;
            }
        }
        if !out.is_empty() {
            let _ = output.send(Out::Data(out));
        }
        let _ = output.send(Out::Incomplete);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::DeflateEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn deflated(data: &[u8]) -> Vec<u8> {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// Reads through buffers of an odd size, to cross every chunk boundary.
    fn read_all(r: &mut impl Read) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut buf = [0u8; 7919];
        loop {
            match r.read(&mut buf)? {
                0 => return Ok(out),
                n => out.extend_from_slice(&buf[..n]),
            }
        }
    }

    #[test]
    fn unpacks_what_flate2_unpacks_and_stops_at_the_streams_end() {
        let data: Vec<u8> = (0..3_000_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let mut packed = deflated(&data);
        packed.extend_from_slice(b"bytes after the stream");
        assert_eq!(read_all(&mut Inflate::new(&packed[..])).unwrap(), data);
        assert_eq!(read_all(&mut Inflate::new(&deflated(b"")[..])).unwrap(), b"");
    }

    #[test]
    fn a_cut_stream_and_a_corrupt_one_are_errors_of_flate2s_kinds() {
        let data: Vec<u8> = (0..400_000u32).map(|i| (i * 7 % 253) as u8).collect();
        let packed = deflated(&data);
        let cut = read_all(&mut Inflate::new(&packed[..packed.len() / 2])).unwrap_err();
        assert_eq!(cut.kind(), io::ErrorKind::UnexpectedEof);
        let corrupt = read_all(&mut Inflate::new(&[0xff; 64][..])).unwrap_err();
        assert_eq!(corrupt.kind(), io::ErrorKind::InvalidInput);
    }
}
