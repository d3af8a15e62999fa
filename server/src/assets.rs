//! The browser's code and styles (`/pkg`): compressed once at build time, at the best levels, and
//! served as they are; their names carry a content hash, so browsers keep them for a year.
use axum::{
    Router,
    http::{HeaderValue, header},
};
use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
};
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// What a visitor's browser downloads for one built file, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weight {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Files worth compressing: text and WebAssembly (images are compressed already).
fn compressible(path: &Path) -> bool {
    matches!(path.extension().and_then(|extension| extension.to_str()), Some("wasm" | "js" | "css" | "svg" | "json"))
}

/// Whether `compressed` was written after `original` (a file kept from an earlier build).
fn up_to_date(original: &Path, compressed: &Path) -> bool {
    let modified = |path: &Path| fs::metadata(path).and_then(|metadata| metadata.modified()).ok();
    matches!((modified(original), modified(compressed)), (Some(original), Some(compressed)) if compressed >= original)
}

/// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside each file of
/// `dir` that compresses, unless they are newer than it, and returns their weights, largest first.
pub fn precompress(dir: &Path) -> io::Result<Vec<Weight>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| compressible(path))
        .collect();
    files.sort();
    let mut weights = Vec::new();
    for path in files {
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_string();
        let (br_path, gz_path) = (dir.join(format!("{name}.br")), dir.join(format!("{name}.gz")));
        if up_to_date(&path, &br_path) && up_to_date(&path, &gz_path) {
            let size = |path: &Path| fs::metadata(path).map(|metadata| metadata.len());
            weights.push(Weight { file: name, raw: size(&path)?, gzip: size(&gz_path)?, brotli: size(&br_path)? });
            continue;
        }
        let bytes = fs::read(&path)?;
        let mut brotli = Vec::new();
        {
            let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
            brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
        }
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        let gzip = gzip.finish()?;
        fs::write(&br_path, &brotli)?;
        fs::write(&gz_path, &gzip)?;
        weights.push(Weight {
            file: name,
            raw: bytes.len() as u64,
            gzip: gzip.len() as u64,
            brotli: brotli.len() as u64,
        });
    }
    weights.sort_by_key(|weight| std::cmp::Reverse(weight.brotli));
    Ok(weights)
}

/// The table `agora precompress` prints.
pub fn weight_table(weights: &[Weight]) -> String {
    let mut table = format!("{:<40} {:>10} {:>10} {:>10}\n", "fichier", "brut", "gzip", "brotli");
    for weight in weights {
        table.push_str(&format!("{:<40} {:>10} {:>10} {:>10}\n", weight.file, weight.raw, weight.gzip, weight.brotli));
    }
    table
}

/// `/pkg` from `dir`: the precompressed variant the browser accepts, else the file itself. Hashed
/// names never change content, so they are cached for good; unhashed ones (a development build)
/// are checked again at each use.
pub fn pkg_router<S: Clone + Send + Sync + 'static>(dir: &Path, hashed_names: bool) -> Router<S> {
    let cache = if hashed_names { "public, max-age=31536000, immutable" } else { "no-cache" };
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service("/pkg", files)
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn precompressed_files_give_back_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let wasm: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(dir.path().join("agora.abc.wasm"), &wasm).unwrap();
        fs::write(dir.path().join("picture.png"), [1, 2, 3]).unwrap();
        let weights = precompress(dir.path()).unwrap();
        assert_eq!(weights.len(), 1, "only what compresses: {weights:?}");
        assert_eq!(weights[0].raw, 200_000);
        assert!(weights[0].brotli < weights[0].raw / 10 && weights[0].gzip < weights[0].raw / 10, "{weights:?}");

        let mut from_brotli = Vec::new();
        brotli::BrotliDecompress(&mut fs::File::open(dir.path().join("agora.abc.wasm.br")).unwrap(), &mut from_brotli)
            .unwrap();
        assert_eq!(from_brotli, wasm);
        let mut from_gzip = Vec::new();
        flate2::read::GzDecoder::new(fs::File::open(dir.path().join("agora.abc.wasm.gz")).unwrap())
            .read_to_end(&mut from_gzip)
            .unwrap();
        assert_eq!(from_gzip, wasm);
        assert!(!dir.path().join("picture.png.br").exists());
        assert!(weight_table(&weights).contains("agora.abc.wasm"));
        // A second pass keeps what is already compressed.
        let written = fs::metadata(dir.path().join("agora.abc.wasm.br")).unwrap().modified().unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), weights);
        assert_eq!(fs::metadata(dir.path().join("agora.abc.wasm.br")).unwrap().modified().unwrap(), written);
    }

    #[tokio::test]
    async fn assets_go_out_precompressed_and_cached_for_good_when_hashed() {
        use axum::body::Body;
        use tower::ServiceExt;
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("agora.abc.js"), "console.log('agora');".repeat(500)).unwrap();
        precompress(dir.path()).unwrap();
        let request = |encoding: &str| {
            axum::http::Request::get("/pkg/agora.abc.js")
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .unwrap()
        };
        let response = pkg_router::<()>(dir.path(), true).oneshot(request("gzip, br")).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        let sent = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert_eq!(sent.as_ref(), fs::read(dir.path().join("agora.abc.js.br")).unwrap());

        let response = pkg_router::<()>(dir.path(), true).oneshot(request("gzip")).await.unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        let response = pkg_router::<()>(dir.path(), false).oneshot(request("identity")).await.unwrap();
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache", "an unhashed name may change content");
    }
}
