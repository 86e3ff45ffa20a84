// Package standin serves a whole deployed stack over HTTPS, the way AWS would answer for it, so that
// cmd/verify can be tested without an AWS account.
//
// A Deployment starts as exactly what the stack's offline synthesis says would be deployed
// (FromSynth): the config objects behind CloudFront, the user pool, its app client and hosted UI, the
// identity pool, the IAM roles with their trust and identity policies, and the buckets with their
// policies. Tests then change its fields to break it, one at a time, and check that verify notices.
//
// Serve answers on one TLS server for every AWS host name the verify code reaches (the CloudFront
// domain, cognito-idp, the hosted-UI domain, cognito-identity, STS, IAM and S3), so the code under
// test uses the URLs of the config file and the SDK's default endpoints unchanged. Every authorization
// decision is made by policies/iamsim over the deployment's policy documents, never hard-coded, and every
// request is logged (Calls) so tests can assert exactly what was sent.
package standin
