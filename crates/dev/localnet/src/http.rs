//! The HTTP side of the JSON-RPC endpoint (hyper, HTTP/1.1): `POST` with a
//! JSON-RPC request or batch on any path, `GET /health` like a validator,
//! and permissive CORS so a browser app on another origin can use it.

use crate::rpc::Rpc;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{
    HeaderValue, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_MAX_AGE, CONTENT_TYPE,
};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Largest request body accepted.
pub const MAX_REQUEST_BODY: usize = 50 * 1024 * 1024;

const PARSE_ERROR: &str = r#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#;

fn response(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, GET, OPTIONS"));
    h.insert(ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("*"));
    h.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    r
}

async fn handle(req: Request<Incoming>, rpc: Arc<Rpc>) -> Result<Response<Full<Bytes>>, Infallible> {
    const JSON: &str = "application/json";
    Ok(match (req.method(), req.uri().path()) {
        (&Method::OPTIONS, _) => response(StatusCode::OK, "text/plain", Bytes::new()),
        (&Method::GET, "/health") => {
            let body = if rpc.chain().is_healthy() { "ok" } else { "unknown" };
            response(StatusCode::OK, "text/plain", body)
        }
        (&Method::POST, _) => match Limited::new(req.into_body(), MAX_REQUEST_BODY).collect().await {
            Err(e) => response(StatusCode::PAYLOAD_TOO_LARGE, "text/plain", format!("{e}")),
            Ok(body) => {
                let bytes = body.to_bytes();
                match std::str::from_utf8(&bytes) {
                    Err(_) => response(StatusCode::OK, JSON, PARSE_ERROR),
                    Ok(text) => match rpc.handle(text).await {
                        Some(out) => response(StatusCode::OK, JSON, out),
                        None => response(StatusCode::OK, JSON, Bytes::new()),
                    },
                }
            }
        },
        _ => response(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            "Used HTTP Method is not allowed. POST or OPTIONS is required",
        ),
    })
}

/// Serves JSON-RPC on `listener` until `shutdown` turns true.
pub async fn serve(listener: TcpListener, rpc: Arc<Rpc>, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let rpc = rpc.clone();
                let mut stop = shutdown.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| handle(req, rpc.clone()));
                    let conn = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = stop.changed() => {
                            conn.as_mut().graceful_shutdown();
                            let _ = conn.await;
                        }
                    }
                });
            }
            _ = shutdown.changed() => break,
        }
    }
}
