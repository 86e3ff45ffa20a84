package standin

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
)

// The two token issuers of the stack, each with its own key as in AWS: the user pool signs id and
// access tokens, Cognito Identity signs the web-identity tokens that STS accepts.
const identityIssuer = "https://cognito-identity.amazonaws.com"

type signingKeys struct {
	userPool, identity *rsa.PrivateKey
}

var (
	keysOnce sync.Once
	keys     *signingKeys
	keysErr  error
)

// sharedKeys are generated once per process: RSA key generation is slow, and nothing depends on a
// deployment having keys of its own.
func sharedKeys() (*signingKeys, error) {
	keysOnce.Do(func() {
		k := &signingKeys{}
		if k.userPool, keysErr = rsa.GenerateKey(rand.Reader, 2048); keysErr != nil {
			keysErr = fmt.Errorf("standin: generate the user pool key: %w", keysErr)
			return
		}
		if k.identity, keysErr = rsa.GenerateKey(rand.Reader, 2048); keysErr != nil {
			keysErr = fmt.Errorf("standin: generate the identity key: %w", keysErr)
			return
		}
		keys = k
	})
	return keys, keysErr
}

// keyFor picks the key of the issuer that signs tokens with this iss.
func (k *signingKeys) keyFor(iss string) (*rsa.PrivateKey, string) {
	if iss == identityIssuer {
		return k.identity, "identity-1"
	}
	return k.userPool, "user-pool-1"
}

var b64 = base64.RawURLEncoding

// SignJWT signs claims as the issuer named by their "iss" would: Cognito Identity's key for
// https://cognito-identity.amazonaws.com, the user pool's key otherwise. Tests use it to forge
// tokens that are validly signed but say something the deployment would never issue.
func (d *Deployment) SignJWT(claims map[string]any) (string, error) {
	iss, _ := claims["iss"].(string)
	key, kid := d.keys.keyFor(iss)
	header, err := json.Marshal(map[string]string{"kid": kid, "alg": "RS256"})
	if err != nil {
		return "", fmt.Errorf("standin: jwt header: %w", err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("standin: jwt claims: %w", err)
	}
	signing := b64.EncodeToString(header) + "." + b64.EncodeToString(payload)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("standin: sign jwt: %w", err)
	}
	return signing + "." + b64.EncodeToString(sig), nil
}

var (
	errNotJWT       = errors.New("not a JWT")
	errBadSignature = errors.New("signature does not verify")
)

// verifyJWT checks a token's RS256 signature with the key of its claimed issuer and returns its
// claims; numbers come back as float64. When only the signature fails, the (unverified) claims come
// back with errBadSignature, so callers can first complain about what the token claims.
func (d *Deployment) verifyJWT(token string) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errNotJWT
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := decodeSegment(parts[0], &header); err != nil {
		return nil, err
	}
	var claims map[string]any
	if err := decodeSegment(parts[1], &claims); err != nil {
		return nil, err
	}
	iss, _ := claims["iss"].(string)
	key, kid := d.keys.keyFor(iss)
	sig, err := b64.DecodeString(parts[2])
	if err != nil || header.Alg != "RS256" || header.Kid != kid {
		return claims, errBadSignature
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, sum[:], sig) != nil {
		return claims, errBadSignature
	}
	return claims, nil
}

func decodeSegment(seg string, into any) error {
	raw, err := b64.DecodeString(seg)
	if err != nil {
		return errNotJWT
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return errNotJWT
	}
	return nil
}

// jwks is the user pool's JSON Web Key Set, as served at .well-known/jwks.json.
func (d *Deployment) jwks() map[string]any {
	key, kid := d.keys.keyFor("")
	e := big.NewInt(int64(key.PublicKey.E)).Bytes()
	return map[string]any{"keys": []map[string]string{{
		"alg": "RS256", "e": b64.EncodeToString(e), "kid": kid, "kty": "RSA",
		"n": b64.EncodeToString(key.PublicKey.N.Bytes()), "use": "sig",
	}}}
}

func claimString(claims map[string]any, name string) string {
	s, _ := claims[name].(string)
	return s
}

// claimStrings reads a claim that may be one string or a list of strings (aud, amr).
func claimStrings(claims map[string]any, name string) []string {
	switch v := claims[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func claimTime(claims map[string]any, name string) (int64, bool) {
	f, ok := claims[name].(float64)
	return int64(f), ok
}
