//! A small static file server for dist/, on 127.0.0.1 only. `/` is the standalone page;
//! `/embed/`, `/pkg/`, `/examples/` and `/dualuse-screener.html` are the other outputs.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// Map a request path to a file under dist/, refusing anything that climbs out.
fn resolve(url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let rel = Path::new(path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let top = rel
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("");
    let base = if ["embed", "pkg", "examples", "dualuse-screener.html"].contains(&top) {
        PathBuf::from("dist")
    } else {
        PathBuf::from("dist/site")
    };
    let mut file = base.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn handle(mut stream: TcpStream) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, body, ctype) = match resolve(&target)
        .and_then(|f| std::fs::read(&f).ok().map(|b| (b, content_type(&f))))
    {
        Some((body, ctype)) => ("200 OK", body, ctype),
        None => (
            "404 Not Found",
            b"not found".to_vec(),
            "text/plain; charset=utf-8",
        ),
    };
    let head = format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n", body.len());
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(&body));
}

pub fn serve(port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!("xtask: serving dist/ at http://127.0.0.1:{port}/  (single file: http://127.0.0.1:{port}/dualuse-screener.html, embed example: http://127.0.0.1:{port}/examples/) — Ctrl-C stops");
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || handle(stream));
    }
    Ok(())
}
