//! The connection under hyper. When a request cannot be parsed (a request line over hyper's
//! 64 KiB, header fields too large, bytes that are not HTTP), hyper answers by itself, before
//! any route or middleware runs, with an empty body. [`Wire`] recognises those answers as they
//! are written and sends a problem document instead, so every error the server sends is
//! `application/problem+json`.

use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::problem::{Kind, Problem};

/// A stream whose bodiless parse-error answers are rewritten as problem documents.
pub(super) struct Wire<S> {
    inner: S,
    /// A rewritten answer being written: its bytes, how many are written, and the length of
    /// hyper's answer it stands for (reported as written once it is all out).
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<S> Wire<S> {
    pub(super) fn new(inner: S) -> Self {
        Wire {
            inner,
            pending: None,
        }
    }
}

/// The problem document for hyper's own answer in `bytes`, if `bytes` is exactly one such
/// answer: status 400, 414 or 431, `content-length: 0`, nothing after the head.
fn rewrite(bytes: &[u8]) -> Option<Vec<u8>> {
    let head_end = bytes.windows(4).position(|window| window == b"\r\n\r\n")? + 4;
    if head_end != bytes.len() {
        return None;
    }
    let head = std::str::from_utf8(bytes).ok()?.to_ascii_lowercase();
    if !head.contains("\r\ncontent-length: 0\r\n") {
        return None;
    }
    let (kind, da, en) = match head.get(..13)? {
        "http/1.1 400 " => (
            Kind::MalformedRequest,
            "forespørgslen kunne ikke læses som HTTP/1.1",
            "the request could not be read as HTTP/1.1",
        ),
        "http/1.1 414 " => (
            Kind::UriTooLong,
            "forespørgselslinjen er længere end de 64 KiB, serveren læser",
            "the request line is longer than the 64 KiB the server reads",
        ),
        "http/1.1 431 " => (
            Kind::HeadersTooLarge,
            "headerfelterne er større, end serveren læser",
            "the header fields are larger than the server reads",
        ),
        _ => return None,
    };
    // Answered before any route reads the request's language: in Danish, the default.
    let problem = Problem::new(kind, da, en);
    let body = serde_json::to_vec(&problem).ok()?;
    let status = kind.status();
    let mut answer = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    Some(answer)
}

impl<S: AsyncRead + Unpin> AsyncRead for Wire<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Wire<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        if this.pending.is_none() {
            // hyper writes a whole answer in one buffer (it is never asked for vectored
            // writes, so it flattens head and body), so the answer is seen whole here.
            if let Some(answer) = rewrite(buf) {
                this.pending = Some((answer, 0, buf.len()));
            }
        }
        if let Some((answer, written, claimed)) = &mut this.pending {
            while *written < answer.len() {
                match Pin::new(&mut this.inner).poll_write(cx, &answer[*written..]) {
                    Poll::Ready(Ok(0)) => {
                        return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()));
                    }
                    Poll::Ready(Ok(n)) => *written += n,
                    Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                    Poll::Pending => return Poll::Pending,
                }
            }
            let claimed = *claimed;
            this.pending = None;
            return Poll::Ready(Ok(claimed));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_bodiless_parse_errors_become_problem_documents() {
        let answer = rewrite(
            b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\ndate: Tue, 01 Dec 2026 04:10:41 GMT\r\n\r\n",
        )
        .expect("rewritten");
        let text = String::from_utf8(answer).expect("text");
        assert!(text.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{text}");
        assert!(text.contains("content-type: application/problem+json"));
        let body = text.split("\r\n\r\n").nth(1).expect("body");
        let json: serde_json::Value = serde_json::from_str(body).expect("json");
        assert_eq!(json["status"], 414);
        assert_eq!(json["type"], "urn:placematch:problem:uri-too-long");
    }

    #[test]
    fn answers_with_a_body_or_another_status_pass_unchanged() {
        assert!(rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(rewrite(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}").is_none());
        assert!(rewrite(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n").is_none());
    }
}
