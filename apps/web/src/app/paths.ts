/** Routes outside the module registry. */
export const LOGIN_PATH = '/login';
/** Where a user whose password must be changed is kept until they change it. */
export const CHANGE_PASSWORD_PATH = '/change-password';
