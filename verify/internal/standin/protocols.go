package standin

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// The wire protocols of the services: AWS JSON 1.1 (Cognito), AWS query (STS, IAM) and S3's REST XML.

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// readJSON decodes an AWS JSON 1.1 request and returns its operation, from X-Amz-Target
// ("AWSCognitoIdentityService.GetId" is "GetId" of that service).
func readJSON(r *http.Request, service string, into any) (string, error) {
	target := r.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, service+".")
	if !ok || r.Method != http.MethodPost {
		return "", fmt.Errorf("no %s operation in X-Amz-Target %q", service, target)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return op, fmt.Errorf("read request: %w", err)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return op, fmt.Errorf("decode request: %w", err)
	}
	return op, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-Requestid", requestID())
	_ = json.NewEncoder(w).Encode(v)
}

// jsonError answers an AWS JSON 1.1 error, which the SDKs read from X-Amzn-ErrorType and __type.
func jsonError(w http.ResponseWriter, c *Call, status int, code, message string) {
	c.Error = code
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.Header().Set("X-Amzn-Requestid", requestID())
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": message})
}

// jsonCredentialError answers a refused credential the way the JSON services do.
func jsonCredentialError(w http.ResponseWriter, c *Call, p credentialProblem) {
	switch p {
	case expiredToken:
		jsonError(w, c, http.StatusBadRequest, "ExpiredTokenException", "The security token included in the request is expired")
	case malformed:
		jsonError(w, c, http.StatusBadRequest, "IncompleteSignatureException", "The request signature is malformed.")
	default:
		jsonError(w, c, http.StatusBadRequest, "UnrecognizedClientException", "The security token included in the request is invalid.")
	}
}

// queryForm reads an AWS query request: a form body (or, for GET, the URL's query).
func queryForm(r *http.Request) (url.Values, error) {
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("parse form: %w", err)
	}
	return r.Form, nil
}

// members reads a query protocol list: Name.member.1, Name.member.2, ...
func members(form url.Values, name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := form[fmt.Sprintf("%s.member.%d", name, i)]
		if !ok {
			return out
		}
		out = append(out, v[0])
	}
}

// queryResponse writes an AWS query answer: <OpResponse><OpResult>...</OpResult><ResponseMetadata>.
func queryResponse(w http.ResponseWriter, namespace, op string, result any) {
	type metadata struct {
		RequestID string `xml:"RequestId"`
	}
	type envelope struct {
		XMLName  xml.Name
		Xmlns    string `xml:"xmlns,attr"`
		Result   any
		Metadata metadata `xml:"ResponseMetadata"`
	}
	body, err := xml.Marshal(envelope{
		XMLName: xml.Name{Local: op + "Response"}, Xmlns: namespace,
		Result: wrapped{op + "Result", result}, Metadata: metadata{requestID()},
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	_, _ = w.Write(append([]byte(xml.Header), body...))
}

// wrapped marshals its value under another element name.
type wrapped struct {
	name  string
	value any
}

func (v wrapped) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name = xml.Name{Local: v.name}
	if v.value == nil {
		if err := e.EncodeToken(start); err != nil {
			return err
		}
		return e.EncodeToken(start.End())
	}
	return e.EncodeElement(v.value, start)
}

// queryError writes an AWS query error.
func queryError(w http.ResponseWriter, c *Call, namespace string, status int, code, message string) {
	c.Error = code
	type errorBody struct {
		Type    string
		Code    string
		Message string
	}
	type envelope struct {
		XMLName   xml.Name `xml:"ErrorResponse"`
		Xmlns     string   `xml:"xmlns,attr"`
		Error     errorBody
		RequestID string `xml:"RequestId"`
	}
	typ := "Sender"
	if status >= 500 {
		typ = "Receiver"
	}
	body, _ := xml.Marshal(envelope{Xmlns: namespace, Error: errorBody{typ, code, message}, RequestID: requestID()})
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	_, _ = w.Write(append([]byte(xml.Header), body...))
}

// queryCredentialError answers a refused credential the way STS and IAM do.
func queryCredentialError(w http.ResponseWriter, c *Call, namespace string, p credentialProblem) {
	switch p {
	case expiredToken:
		queryError(w, c, namespace, http.StatusForbidden, "ExpiredToken", "The security token included in the request is expired")
	case malformed:
		queryError(w, c, namespace, http.StatusBadRequest, "IncompleteSignature", "The request signature is malformed.")
	default:
		queryError(w, c, namespace, http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")
	}
}
