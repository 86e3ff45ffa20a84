package policies_test

import (
	"fmt"

	"igv-aws-backend/policies"
)

func ExampleIdentityPoolTrust() {
	doc, _ := policies.IdentityPoolTrust("eu-west-2:0f4a6c1e-8b0b-4c8e-9d61-2d5b5f0c9a11").JSON()
	pretty, _ := policies.Pretty(doc)
	fmt.Print(string(pretty))
	// Output:
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Sid": "AssumeFromThisIdentityPoolWhenAuthenticated",
	//       "Effect": "Allow",
	//       "Principal": {
	//         "Federated": "cognito-identity.amazonaws.com"
	//       },
	//       "Action": "sts:AssumeRoleWithWebIdentity",
	//       "Condition": {
	//         "ForAnyValue:StringLike": {
	//           "cognito-identity.amazonaws.com:amr": "authenticated"
	//         },
	//         "StringEquals": {
	//           "cognito-identity.amazonaws.com:aud": "eu-west-2:0f4a6c1e-8b0b-4c8e-9d61-2d5b5f0c9a11"
	//         }
	//       }
	//     }
	//   ]
	// }
}

func ExampleDataAccess() {
	docs, _ := policies.DataAccess([]policies.Grant{
		{Bucket: "lab-exomes", Prefixes: []string{"runs/2026/"}},
	}, policies.DefaultMaxManagedPolicies)
	for _, d := range docs {
		pretty, _ := policies.Pretty(d.Document.MustJSON())
		fmt.Println(d.Slot, d.Buckets)
		fmt.Print(string(pretty))
	}
	// Output:
	// 1 [lab-exomes]
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Effect": "Allow",
	//       "Action": "s3:ListBucket",
	//       "Resource": "arn:aws:s3:::lab-exomes",
	//       "Condition": {
	//         "StringEquals": {
	//           "s3:delimiter": "/"
	//         },
	//         "StringLike": {
	//           "s3:prefix": [
	//             "",
	//             "runs/",
	//             "runs/2026/*"
	//           ]
	//         }
	//       }
	//     },
	//     {
	//       "Sid": "ReadObjects",
	//       "Effect": "Allow",
	//       "Action": "s3:GetObject",
	//       "Resource": "arn:aws:s3:::lab-exomes/runs/2026/*"
	//     }
	//   ]
	// }
}

func ExampleBucketPolicy() {
	fmt.Println(policies.BucketPolicy("lab-data").MustJSON())
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":["arn:aws:s3:::lab-data","arn:aws:s3:::lab-data/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
}
