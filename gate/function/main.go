// Command function is the gate's Lambda function (runtime provided.al2023, arm64): the user pool's pre
// token generation trigger. The stack builds it with lambdazip; the logic lives in package gate.
package main

import (
	"log"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"igv-aws-backend/gate"
)

func main() {
	policy, err := gate.ParsePolicy(os.Getenv(gate.EnvPolicy))
	if err != nil {
		// No policy, no tokens: every invocation fails, and Cognito refuses every sign-in.
		log.Fatal(err)
	}
	// Lambda hands the execution role's credentials to the function in its environment; reading them
	// directly keeps the SDK's credential chain (SSO, IMDS, ...) out of the binary.
	cfg := aws.Config{
		Region: os.Getenv("AWS_REGION"),
		Credentials: credentials.NewStaticCredentialsProvider(
			os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN")),
	}
	h := &gate.Handler{Policy: policy, Clients: &gate.PoolClients{API: cip.NewFromConfig(cfg)}, Log: os.Stdout}
	lambda.Start(h.Handle)
}
