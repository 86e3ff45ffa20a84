package igvfiles

import (
	"errors"

	"github.com/aws/smithy-go"
)

// short is the code and message of an AWS error, for a one-line detail; the
// SDK's full message also names the operation, request id and status.
func short(err error) string {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return err.Error()
	}
	if msg := api.ErrorMessage(); msg != "" && msg != api.ErrorCode() {
		return api.ErrorCode() + ": " + msg
	}
	return api.ErrorCode()
}

// isNotFound reports whether err is S3 saying the key does not exist:
// NotFound for HeadObject (a HEAD response has no body to carry a code),
// NoSuchKey for GetObject.
func isNotFound(err error) bool {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return false
	}
	code := api.ErrorCode()
	return code == "NotFound" || code == "NoSuchKey"
}

// hint is what a user can do about an AWS error code met at a step.
func hint(err error) string {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return ""
	}
	switch api.ErrorCode() {
	case "AccessDenied", "Forbidden":
		// HeadObject answers 403 without a body, so the SDK can only say "Forbidden".
		// S3 also says 403 for a missing key when the caller lacks s3:ListBucket.
		return "; the role lacks the permission, a bucket policy or KMS key policy denies it, or the key does not exist and the role may not list the bucket"
	case "NotFound", "NoSuchKey":
		return "; no such key"
	case "NoSuchBucket":
		return "; no such bucket"
	case "PermanentRedirect", "AuthorizationHeaderMalformed":
		return "; the bucket is in another region than aws_region, the only region IGV signs for"
	case "ExpiredToken", "InvalidAccessKeyId", "SignatureDoesNotMatch":
		return "; the credentials are invalid or expired"
	}
	return ""
}
