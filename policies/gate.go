package policies

// The documents of the token gate, the user pool's pre token generation Lambda function: it may write
// its own logs and list the pool's app clients (names and ids) to know which tier a client serves.

const (
	// LambdaService is the service principal of AWS Lambda.
	LambdaService = "lambda.amazonaws.com"
	// LambdaLogGroupPrefix is where Lambda writes a function's logs unless told otherwise: /aws/lambda/NAME.
	LambdaLogGroupPrefix = "/aws/lambda/"
)

// CognitoIDPService is the principal through which a user pool invokes its triggers.
const CognitoIDPService = "cognito-idp.amazonaws.com"

// LambdaTrust lets the Lambda service assume the gate's role: an execution role, as Lambda's
// documentation writes it; only a function naming the role can run with it, and only a principal
// allowed iam:PassRole on it can name it.
func LambdaTrust() Document {
	return New(Statement{
		Sid:       "LambdaRunsTheGate",
		Effect:    Allow,
		Principal: Principals{"Service": {LambdaService}},
		Action:    Values{"sts:AssumeRole"},
	})
}

// GateLogs lets the gate write to its own log group, and nothing else of CloudWatch Logs: the group
// exists before the function (the stack creates it with its retention), so no logs:CreateLogGroup.
func GateLogs(logGroupARN string) Document {
	return New(Statement{
		Sid:      "WriteOwnLogs",
		Effect:   Allow,
		Action:   Values{"logs:CreateLogStream", "logs:PutLogEvents"},
		Resource: Values{logGroupARN + ":*"},
	})
}

// ListPoolClients lets the gate resolve an app client id to its name, in this user pool only.
// ListUserPoolClients returns names and ids, never a client secret.
func ListPoolClients(userPoolARN string) Document {
	return New(Statement{
		Sid:      "ResolveClientNames",
		Effect:   Allow,
		Action:   Values{"cognito-idp:ListUserPoolClients"},
		Resource: Values{userPoolARN},
	})
}
