// Package audit answers "who read which file" from the stack's CloudTrail logs: it streams the log files
// of a time window from S3, joins each S3 read to the STS login that issued its credentials, and reports
// one row per Cognito identity, claimed email, object and session. The logic of cmd/audit.
//
// What to trust: a read's Cognito identity id comes from its own event (userIdentity.sessionContext.
// webIdFederationData, filled in by STS from the web identity token). The email is only what IGV put in
// the role session's name at login (AssumeRoleWithWebIdentity's roleSessionName): a client's claim. The
// report shows both, joined through the session's access key id, and flags an identity that used more
// than one name, and a name used by more than one identity.
package audit

import (
	"strings"
	"time"
)

// record is the part of a CloudTrail record the report reads (CloudTrail record contents, "CloudTrail
// log event reference"; the S3 data event and STS AssumeRoleWithWebIdentity shapes).
type record struct {
	EventTime    time.Time `json:"eventTime"`
	EventSource  string    `json:"eventSource"`
	EventName    string    `json:"eventName"`
	ErrorCode    string    `json:"errorCode"`
	UserIdentity struct {
		Type           string `json:"type"`
		ARN            string `json:"arn"`
		AccessKeyID    string `json:"accessKeyId"`
		SessionContext struct {
			WebIDFederationData struct {
				FederatedProvider string            `json:"federatedProvider"`
				Attributes        map[string]string `json:"attributes"`
			} `json:"webIdFederationData"`
		} `json:"sessionContext"`
	} `json:"userIdentity"`
	RequestParameters struct {
		// STS
		RoleSessionName string `json:"roleSessionName"`
		RoleARN         string `json:"roleArn"`
		// S3
		BucketName string `json:"bucketName"`
		Key        string `json:"key"`
		Prefix     string `json:"prefix"`
	} `json:"requestParameters"`
	ResponseElements struct {
		SubjectFromWebIdentityToken string `json:"subjectFromWebIdentityToken"`
		Credentials                 struct {
			AccessKeyID string `json:"accessKeyId"`
		} `json:"credentials"`
		AssumedRoleUser struct {
			ARN string `json:"arn"`
		} `json:"assumedRoleUser"`
	} `json:"responseElements"`
	AdditionalEventData struct {
		BytesTransferredOut float64 `json:"bytesTransferredOut"`
	} `json:"additionalEventData"`
}

// Attribute keys of webIdFederationData for a Cognito identity pool.
const (
	attrIdentityID   = "cognito-identity.amazonaws.com:sub"
	attrIdentityPool = "cognito-identity.amazonaws.com:aud"
)

// isLogin reports the STS call of an IGV login that succeeded.
func (r *record) isLogin() bool {
	return r.EventSource == "sts.amazonaws.com" && r.EventName == "AssumeRoleWithWebIdentity" && r.ErrorCode == "" &&
		r.ResponseElements.Credentials.AccessKeyID != ""
}

// readEvents are the S3 data events that read or list.
var readEvents = map[string]bool{
	"GetObject": true, "HeadObject": true, "ListObjects": true, "ListObjectsV2": true, "ListObjectVersions": true,
	"GetObjectAttributes": true, "SelectObjectContent": true,
}

// isRead reports an S3 read or listing (that succeeded or not: see ErrorCode).
func (r *record) isRead() bool {
	return r.EventSource == "s3.amazonaws.com" && readEvents[r.EventName]
}

// object is what a read touched: s3://bucket/key, or s3://bucket/prefix for a listing.
func (r *record) object() string {
	key := r.RequestParameters.Key
	if key == "" && strings.HasPrefix(r.EventName, "List") {
		key = r.RequestParameters.Prefix
	}
	return "s3://" + r.RequestParameters.BucketName + "/" + key
}

// sessionName is the last part of an assumed-role ARN: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.
func sessionName(arn string) string {
	if i := strings.LastIndex(arn, "/"); i >= 0 && strings.Contains(arn, ":assumed-role/") {
		return arn[i+1:]
	}
	return ""
}
