// The AWS account id every stand-in writes into the ARNs it returns and accepts.
export const LOCAL_ACCOUNT_ID = '000000000000';
