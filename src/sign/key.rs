//! The signer's key and certificate: from a PKCS#12 file, or any other holder of the key
//! that can sign bytes (a PKCS#11 token) given as a function.

use std::path::Path;

use cms::cert::x509::Certificate;
use der::asn1::BitString;
use der::oid::db::rfc5912;
use der::{Decode, Encode};
use p256::ecdsa::signature::{Error as SignatureError, Keypair, Signer};
use x509_cert::spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, EncodePublicKey,
    SignatureBitStringEncoding, SubjectPublicKeyInfoOwned,
};

use crate::error::{Problem, Result};

/// How a key signs: RSA PKCS#1 v1.5 or ECDSA, both over SHA-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    RsaSha256,
    EcdsaSha256,
}

impl Algorithm {
    /// The algorithm a certificate's public key signs with.
    pub fn of(certificate: &Certificate) -> Option<Self> {
        match certificate
            .tbs_certificate
            .subject_public_key_info
            .algorithm
            .oid
        {
            rfc5912::RSA_ENCRYPTION => Some(Algorithm::RsaSha256),
            rfc5912::ID_EC_PUBLIC_KEY => Some(Algorithm::EcdsaSha256),
            _ => None,
        }
    }

    fn identifier(self) -> AlgorithmIdentifierOwned {
        match self {
            Algorithm::RsaSha256 => AlgorithmIdentifierOwned {
                oid: rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
                parameters: Some(der::asn1::Null.into()),
            },
            Algorithm::EcdsaSha256 => AlgorithmIdentifierOwned {
                oid: rfc5912::ECDSA_WITH_SHA_256,
                parameters: None,
            },
        }
    }
}

/// Signs the bytes given (hashing them itself) and gives the signature as CMS carries it
/// (PKCS#1 v1.5, or ECDSA as DER).
pub type SignBytes = Box<dyn Fn(&[u8]) -> std::result::Result<Vec<u8>, String> + Send + Sync>;

/// A signer: its certificate, the certificates that lead to its CA, and its key.
pub struct Key {
    pub certificate: Certificate,
    pub chain: Vec<Certificate>,
    algorithm: Algorithm,
    sign: SignBytes,
}

impl Key {
    /// A key held elsewhere (a token), signing through `sign` with `algorithm`.
    pub fn new(
        certificate: Certificate,
        chain: Vec<Certificate>,
        algorithm: Algorithm,
        sign: SignBytes,
    ) -> Self {
        Key {
            certificate,
            chain,
            algorithm,
            sign,
        }
    }

    /// The key and certificate of the PKCS#12 file at `path`, opened with `password`.
    pub fn from_pkcs12(path: &Path, password: &str) -> Result<Self> {
        let problem = |why: String| Problem::in_file(path, why);
        let bytes = crate::model::files::read_regular(path, 1 << 20).map_err(problem)?;
        let store = p12_keystore::KeyStore::from_pkcs12(&bytes, password).map_err(|e| {
            problem(format!(
                "PKCS#12-filen går inte att öppna (fel lösenord, eller ingen PKCS#12): {e}"
            ))
        })?;
        let (_, entry) = store
            .private_key_chain()
            .ok_or_else(|| problem("PKCS#12-filen har ingen nyckel med certifikat".into()))?;
        let mut certificates = entry
            .chain()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| {
                problem(format!(
                    "ett certifikat i PKCS#12-filen går inte att läsa: {e}"
                ))
            })?;
        if certificates.is_empty() {
            return Err(problem("PKCS#12-filen har inget certifikat till nyckeln".into()).into());
        }
        let certificate = certificates.remove(0);
        let (algorithm, sign) = software_key(entry.key())
            .ok_or_else(|| problem("nyckeln är varken RSA eller ECDSA P-256".into()))?;
        if Algorithm::of(&certificate) != Some(algorithm) {
            return Err(problem("nyckeln hör inte till certifikatet".into()).into());
        }
        Ok(Key::new(certificate, certificates, algorithm, sign))
    }
}

/// A PKCS#8 private key (RSA or P-256) as a signing function.
fn software_key(pkcs8: &[u8]) -> Option<(Algorithm, SignBytes)> {
    use rsa::pkcs8::DecodePrivateKey;
    if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(pkcs8) {
        let key = rsa::pkcs1v15::SigningKey::<sha2_oid::Sha256>::new(key);
        let sign: SignBytes = Box::new(move |bytes| {
            use p256::ecdsa::signature::SignatureEncoding;
            key.try_sign(bytes)
                .map(|s| s.to_vec())
                .map_err(|e| e.to_string())
        });
        return Some((Algorithm::RsaSha256, sign));
    }
    let key = p256::ecdsa::SigningKey::from_pkcs8_der(pkcs8).ok()?;
    let sign: SignBytes = Box::new(move |bytes| {
        let signature: p256::ecdsa::DerSignature =
            key.try_sign(bytes).map_err(|e| e.to_string())?;
        Ok(signature.as_bytes().to_vec())
    });
    Some((Algorithm::EcdsaSha256, sign))
}

/// The public key of a [`Key`], as the CMS builder asks for it.
#[derive(Clone)]
pub struct PublicKey(SubjectPublicKeyInfoOwned);

impl EncodePublicKey for PublicKey {
    fn to_public_key_der(&self) -> x509_cert::spki::Result<der::Document> {
        Ok(der::Document::from_der(&self.0.to_der()?)?)
    }
}

impl Keypair for Key {
    type VerifyingKey = PublicKey;

    fn verifying_key(&self) -> PublicKey {
        PublicKey(
            self.certificate
                .tbs_certificate
                .subject_public_key_info
                .clone(),
        )
    }
}

impl DynSignatureAlgorithmIdentifier for Key {
    fn signature_algorithm_identifier(&self) -> x509_cert::spki::Result<AlgorithmIdentifierOwned> {
        Ok(self.algorithm.identifier())
    }
}

/// A signature's bytes, as CMS carries them.
pub struct RawSignature(Vec<u8>);

impl SignatureBitStringEncoding for RawSignature {
    fn to_bitstring(&self) -> der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

impl Signer<RawSignature> for Key {
    fn try_sign(&self, message: &[u8]) -> std::result::Result<RawSignature, SignatureError> {
        (self.sign)(message)
            .map(RawSignature)
            .map_err(SignatureError::from_source)
    }
}

/// Where a key on a PKCS#11 token (a smart card, an HSM) is found.
pub struct Token<'a> {
    /// The token's PKCS#11 module: `/usr/lib/softhsm/libsofthsm2.so`, a card's driver.
    pub module: &'a Path,
    /// The token's label; the first token if none.
    pub label: Option<&'a str>,
    /// The label of the key and its certificate; the first key if none.
    pub key: Option<&'a str>,
    pub pin: &'a str,
}

impl Key {
    /// The key on `token` and its certificate (from the token, else `certificate`): the
    /// key never leaves the token, which signs each signature's attributes itself.
    pub fn from_pkcs11(token: &Token, certificate: Option<Certificate>) -> Result<Self> {
        use cryptoki::context::{CInitializeArgs, Pkcs11};
        use cryptoki::mechanism::Mechanism;
        use cryptoki::object::{Attribute, AttributeType, ObjectClass};
        use cryptoki::session::UserType;
        let problem = |why: String| Problem::in_file(token.module, why);
        let failed = |e: cryptoki::error::Error| problem(format!("PKCS#11: {e}"));
        let library = Pkcs11::new(token.module).map_err(failed)?;
        library
            .initialize(CInitializeArgs::OsThreads)
            .map_err(failed)?;
        let slot = library
            .get_slots_with_token()
            .map_err(failed)?
            .into_iter()
            .find(|slot| {
                token.label.is_none_or(|label| {
                    library
                        .get_token_info(*slot)
                        .is_ok_and(|info| info.label().trim() == label)
                })
            })
            .ok_or_else(|| problem("ingen token med den etiketten".into()))?;
        let session = library.open_ro_session(slot).map_err(failed)?;
        session
            .login(UserType::User, Some(&token.pin.to_owned().into()))
            .map_err(|e| problem(format!("PIN-koden godtogs inte: {e}")))?;
        let labelled = |class| {
            let mut template = vec![Attribute::Class(class)];
            if let Some(label) = token.key {
                template.push(Attribute::Label(label.as_bytes().to_vec()));
            }
            session
                .find_objects(&template)
                .map_err(|e| crate::error::Error::from(failed(e)))
        };
        let key = *labelled(ObjectClass::PRIVATE_KEY)?
            .first()
            .ok_or_else(|| problem("ingen privat nyckel på token".into()))?;
        let certificate = match certificate {
            Some(certificate) => certificate,
            None => {
                let object = *labelled(ObjectClass::CERTIFICATE)?.first().ok_or_else(|| {
                    problem("inget certifikat på token; ange det med --certifikat".into())
                })?;
                let value = session
                    .get_attributes(object, &[AttributeType::Value])
                    .map_err(failed)?;
                let der = value
                    .into_iter()
                    .find_map(|a| match a {
                        Attribute::Value(der) => Some(der),
                        _ => None,
                    })
                    .ok_or_else(|| problem("certifikatet på token går inte att läsa".into()))?;
                Certificate::from_der(&der)
                    .map_err(|e| problem(format!("certifikatet på token går inte att läsa: {e}")))?
            }
        };
        let algorithm = Algorithm::of(&certificate)
            .ok_or_else(|| problem("certifikatets nyckel är varken RSA eller ECDSA".into()))?;
        let session = std::sync::Mutex::new(session);
        let sign: SignBytes = Box::new(move |bytes| {
            let session = session.lock().map_err(|e| e.to_string())?;
            match algorithm {
                Algorithm::RsaSha256 => session
                    .sign(&Mechanism::Sha256RsaPkcs, key, bytes)
                    .map_err(|e| e.to_string()),
                // The token signs the digest; CMS wants the two numbers as DER.
                Algorithm::EcdsaSha256 => {
                    let digest = crate::verify::cms::Hash::Sha256.digest(&[bytes]);
                    let raw = session
                        .sign(&Mechanism::Ecdsa, key, &digest)
                        .map_err(|e| e.to_string())?;
                    let signature =
                        p256::ecdsa::Signature::from_slice(&raw).map_err(|e| e.to_string())?;
                    Ok(signature.to_der().as_bytes().to_vec())
                }
            }
        });
        Ok(Key::new(certificate, Vec::new(), algorithm, sign))
    }
}
