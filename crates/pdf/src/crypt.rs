//! The standard security handler, for files whose user password is empty (the common
//! "permissions only" case): RC4 and AES-128 (revisions 2–4) and AES-256 (revisions 5–6).
//! Anything that needs a real password, or another handler, is refused as `Encrypted`.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use md5::{Digest, Md5};
use sha2::{Sha256, Sha384, Sha512};

use crate::error::PdfError;
use crate::object::{Dict, Obj};

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Method {
    Identity,
    Rc4,
    Aes128,
    Aes256,
}

/// Decrypts strings and streams of one document.
#[derive(Debug, Clone)]
pub(crate) struct Decryptor {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
}

fn bytes(o: Option<&Obj>) -> Vec<u8> {
    match o {
        Some(Obj::Str(s)) => s.clone(),
        _ => Vec::new(),
    }
}

fn md5(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = Md5::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().to_vec()
}

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    if key.is_empty() {
        return data.to_vec();
    }
    // indices are u8 into a 256-entry table, so `get` never fails
    let at = |s: &[u8; 256], i: u8| s.get(usize::from(i)).copied().unwrap_or(0);
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j: u8 = 0;
    for i in 0..=255u8 {
        let k = key.get(usize::from(i) % key.len()).copied().unwrap_or(0);
        j = j.wrapping_add(at(&s, i)).wrapping_add(k);
        s.swap(usize::from(i), usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(at(&s, i));
            s.swap(usize::from(i), usize::from(j));
            let t = at(&s, i).wrapping_add(at(&s, j));
            b ^ at(&s, t)
        })
        .collect()
}

fn block(b: &[u8]) -> aes::Block {
    let mut out = aes::Block::default();
    for (o, i) in out.iter_mut().zip(b.iter()) {
        *o = *i;
    }
    out
}

/// AES-CBC decryption; `data` starts with the IV; PKCS#5 padding removed when `unpad`.
fn aes_cbc_decrypt(key: &[u8], iv: &[u8], data: &[u8], unpad: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut prev = block(iv);
    macro_rules! run {
        ($c:expr) => {
            for chunk in data.chunks_exact(16) {
                let mut b = block(chunk);
                $c.decrypt_block(&mut b);
                for (x, p) in b.iter_mut().zip(prev.iter()) {
                    *x ^= *p;
                }
                out.extend_from_slice(&b);
                prev = block(chunk);
            }
        };
    }
    if key.len() == 32 {
        let Ok(c) = aes::Aes256::new_from_slice(key) else {
            return Vec::new();
        };
        run!(c);
    } else {
        let Ok(c) = aes::Aes128::new_from_slice(key) else {
            return Vec::new();
        };
        run!(c);
    }
    if unpad {
        if let Some(&n) = out.last() {
            let n = usize::from(n);
            if (1..=16).contains(&n) && n <= out.len() {
                out.truncate(out.len() - n);
            }
        }
    }
    out
}

fn aes128_cbc_encrypt(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let Ok(c) = aes::Aes128::new_from_slice(key) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(data.len());
    let mut prev = block(iv);
    for chunk in data.chunks_exact(16) {
        let mut b = block(chunk);
        for (x, p) in b.iter_mut().zip(prev.iter()) {
            *x ^= *p;
        }
        c.encrypt_block(&mut b);
        out.extend_from_slice(&b);
        prev = b;
    }
    out
}

/// ISO 32000-2 algorithm 2.B (revision 6), with an empty password.
fn hash_r6(salt: &[u8], udata: &[u8]) -> Vec<u8> {
    let mut k: Vec<u8> = Sha256::digest([salt, udata].concat()).to_vec();
    let mut round = 0u32;
    loop {
        let mut k1 = Vec::with_capacity(64 * (k.len() + udata.len()));
        for _ in 0..64 {
            k1.extend_from_slice(&k);
            k1.extend_from_slice(udata);
        }
        let e = aes128_cbc_encrypt(
            k.get(..16).unwrap_or(&[]),
            k.get(16..32).unwrap_or(&[]),
            &k1,
        );
        let sum: u32 = e.iter().take(16).map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        round += 1;
        let last = u32::from(e.last().copied().unwrap_or(0));
        if round >= 64 && last <= round - 32 {
            break;
        }
        if round > 1000 {
            break;
        }
    }
    k.truncate(32);
    k
}

impl Decryptor {
    /// Build a decryptor for the /Encrypt dictionary `enc`, or refuse.
    pub fn new(enc: &Dict, id0: &[u8]) -> Result<Decryptor, PdfError> {
        if enc.get(b"Filter").and_then(Obj::as_name) != Some(b"Standard") {
            return Err(PdfError::Encrypted);
        }
        let v = enc.get(b"V").and_then(Obj::as_i64).unwrap_or(0);
        let r = enc.get(b"R").and_then(Obj::as_i64).unwrap_or(0);
        let o = bytes(enc.get(b"O"));
        let u = bytes(enc.get(b"U"));
        let p = enc.get(b"P").and_then(Obj::as_i64).unwrap_or(0) as i32;
        let encrypt_metadata = !matches!(enc.get(b"EncryptMetadata"), Some(Obj::Bool(false)));
        let cf_method = |name: &[u8]| -> Method {
            if name == b"Identity" {
                return Method::Identity;
            }
            let cfm = match enc.get(b"CF") {
                Some(Obj::Dict(cf)) => match cf.get(name) {
                    Some(Obj::Dict(f)) => f.get(b"CFM").and_then(Obj::as_name).map(<[u8]>::to_vec),
                    _ => None,
                },
                _ => None,
            };
            match cfm.as_deref() {
                Some(b"AESV2") => Method::Aes128,
                Some(b"AESV3") => Method::Aes256,
                Some(b"None") => Method::Identity,
                _ => Method::Rc4,
            }
        };
        let (strings, streams) = if v >= 4 {
            (
                cf_method(
                    enc.get(b"StrF")
                        .and_then(Obj::as_name)
                        .unwrap_or(b"Identity"),
                ),
                cf_method(
                    enc.get(b"StmF")
                        .and_then(Obj::as_name)
                        .unwrap_or(b"Identity"),
                ),
            )
        } else {
            (Method::Rc4, Method::Rc4)
        };
        match r {
            2..=4 => {
                let n = if r == 2 {
                    5
                } else {
                    (enc.get(b"Length").and_then(Obj::as_i64).unwrap_or(40) / 8).clamp(5, 16)
                        as usize
                };
                let mut h = md5(&[
                    &PAD,
                    o.get(..32).unwrap_or(&o),
                    &p.to_le_bytes(),
                    id0,
                    if r >= 4 && !encrypt_metadata {
                        &[0xff, 0xff, 0xff, 0xff]
                    } else {
                        &[]
                    },
                ]);
                if r >= 3 {
                    for _ in 0..50 {
                        h = md5(&[h.get(..n).unwrap_or(&h)]);
                    }
                }
                let key: Vec<u8> = h.get(..n).unwrap_or(&h).to_vec();
                // is the user password empty?
                let ok = if r == 2 {
                    rc4(&key, &PAD).as_slice() == u.get(..32).unwrap_or(&u)
                } else {
                    let mut x = rc4(&key, &md5(&[&PAD, id0]));
                    for i in 1..=19u8 {
                        let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                        x = rc4(&k, &x);
                    }
                    u.len() >= 16 && x.get(..16) == u.get(..16)
                };
                if !ok {
                    return Err(PdfError::Encrypted);
                }
                Ok(Decryptor {
                    key,
                    strings,
                    streams,
                })
            }
            5 | 6 => {
                let (Some(hash), Some(vsalt), Some(ksalt)) =
                    (u.get(..32), u.get(32..40), u.get(40..48))
                else {
                    return Err(PdfError::Encrypted);
                };
                let (check, ik) = if r == 6 {
                    (hash_r6(vsalt, &[]), hash_r6(ksalt, &[]))
                } else {
                    (
                        Sha256::digest(vsalt).to_vec(),
                        Sha256::digest(ksalt).to_vec(),
                    )
                };
                if check.as_slice() != hash {
                    return Err(PdfError::Encrypted);
                }
                let ue = bytes(enc.get(b"UE"));
                if ue.len() < 32 {
                    return Err(PdfError::Encrypted);
                }
                let key = aes_cbc_decrypt(&ik, &[0u8; 16], ue.get(..32).unwrap_or(&[]), false);
                if key.len() != 32 {
                    return Err(PdfError::Encrypted);
                }
                Ok(Decryptor {
                    key,
                    strings,
                    streams,
                })
            }
            _ => Err(PdfError::Encrypted),
        }
    }

    fn object_key(&self, method: Method, num: u32, gen: u16) -> Vec<u8> {
        if method == Method::Aes256 {
            return self.key.clone();
        }
        let n = num.to_le_bytes();
        let g = gen.to_le_bytes();
        let salt: &[u8] = if method == Method::Aes128 {
            b"sAlT"
        } else {
            b""
        };
        let h = md5(&[&self.key, n.get(..3).unwrap_or(&[]), &g, salt]);
        let len = (self.key.len() + 5).min(16);
        h.get(..len).unwrap_or(&h).to_vec()
    }

    fn run(&self, method: Method, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        match method {
            Method::Identity => data.to_vec(),
            Method::Rc4 => rc4(&self.object_key(method, num, gen), data),
            Method::Aes128 | Method::Aes256 => {
                let (Some(iv), Some(body)) = (data.get(..16), data.get(16..)) else {
                    return Vec::new();
                };
                aes_cbc_decrypt(&self.object_key(method, num, gen), iv, body, true)
            }
        }
    }

    /// Decrypt the raw data of a stream of object `num`.
    pub fn stream(&self, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        self.run(self.streams, num, gen, data)
    }

    /// Decrypt, in place, every string inside an object `num` read from the file body.
    pub fn strings(&self, num: u32, gen: u16, o: &mut Obj, depth: usize) {
        if depth > 64 {
            return;
        }
        match o {
            Obj::Str(s) => *s = self.run(self.strings, num, gen, s),
            Obj::Array(a) => {
                for x in a.iter_mut() {
                    self.strings(num, gen, x, depth + 1);
                }
            }
            Obj::Dict(d) => {
                for (_, x) in d.0.iter_mut() {
                    self.strings(num, gen, x, depth + 1);
                }
            }
            Obj::Stream(s) => {
                for (_, x) in s.dict.0.iter_mut() {
                    self.strings(num, gen, x, depth + 1);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rc4_known_answer() {
        // RFC 6229-style check: key "Key", plaintext "Plaintext"
        assert_eq!(
            rc4(b"Key", b"Plaintext"),
            [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]
        );
    }

    #[test]
    fn aes_cbc_round_trip() {
        let key = [7u8; 16];
        let iv = [9u8; 16];
        let data = [1u8; 32];
        let enc = aes128_cbc_encrypt(&key, &iv, &data);
        assert_eq!(aes_cbc_decrypt(&key, &iv, &enc, false), data);
    }
}
